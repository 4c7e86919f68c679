using System.Net;
using System.Text;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>What the cloud token-service clients share: bounded response reads and safe quoting of server
/// text.</summary>
internal static class TokenServiceHttp
{
    /// <summary>The largest token-service response read; real ones are a few kilobytes.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>Reads a response body of at most <see cref="MaxResponseBytes"/>.</summary>
    /// <exception cref="RegistryRequestFailedException">The body is larger.</exception>
    public static async Task<byte[]> ReadBodyAsync(
        HttpResponseMessage response, Uri requestUri, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    throw new RegistryRequestFailedException(
                        response.RequestMessage?.Method.Method ?? "POST",
                        requestUri,
                        response.StatusCode,
                        [],
                        $"The token service answered with more than {MaxResponseBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>Server text fit for a message: control characters dropped, at most <paramref name="max"/>
    /// characters.</summary>
    public static string Quote(string? text, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text.Trim())
        {
            if (builder.Length >= max)
            {
                builder.Append("...");
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>The exception for a token service that could not be reached at all.</summary>
    public static RegistryRequestFailedException Unreachable(string what, Uri uri, Exception inner) =>
        new("POST", uri, null, [], $"{what} at {uri.Authority} could not be reached: {Quote(inner.Message)}", inner);

    /// <summary>
    /// Sends a token-service request, reading only its headers; a connection failure or a timeout (not the caller's
    /// cancellation) becomes <see cref="Unreachable"/> naming <paramref name="what"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string what, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(what, endpoint, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(what, endpoint, e);
        }
    }

    /// <summary>True for statuses that mean the credentials or the permission were refused.</summary>
    public static bool IsRefusal(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}

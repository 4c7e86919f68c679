using System.Buffers;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>Reads a response body into memory only up to a limit.</summary>
internal static class BoundedContent
{
    /// <summary>
    /// Reads the whole body, or throws <see cref="InvalidDataException"/> as soon as it passes
    /// <paramref name="maxBytes"/> (checked against Content-Length first, then while reading).
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new InvalidDataException($"The body is {declared} bytes; at most {maxBytes} are accepted.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new InvalidDataException($"The body is longer than the {maxBytes} bytes accepted.");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>Like <see cref="ReadAsync"/>, but gives null instead of throwing; for error bodies.</summary>
    public static async Task<byte[]?> TryReadAsync(
        HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}

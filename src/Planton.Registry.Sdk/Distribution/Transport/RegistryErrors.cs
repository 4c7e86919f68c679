using System.Net;
using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Turns a failed response into the SDK's exceptions: 401, 403 and the <c>DENIED</c>/<c>UNAUTHORIZED</c> codes
/// become <see cref="RegistryAuthenticationException"/>; anything else <see cref="RegistryRequestFailedException"/>
/// with the OCI <c>errors[]</c> of the body
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes"/>).
/// </summary>
internal static class RegistryErrors
{
    private const int MaxMessageLength = 300;

    public static async Task<RegistryException> FromResponseAsync(
        HttpResponseMessage response, string? detail, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        var method = request?.Method.Method ?? "?";
        var uri = request?.RequestUri ?? new Uri("unknown:/");
        var body = await BoundedContent.TryReadAsync(
                response.Content, DistributionLimits.MaxErrorBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        var errors = body is null ? [] : ParseErrors(body);
        var status = response.StatusCode;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || errors.Any(e => e.Code is "DENIED" or "UNAUTHORIZED"))
        {
            var codes = errors.Count == 0
                ? string.Empty
                : " " + string.Join(", ", errors.Select(e => $"{e.Code}: {e.Message}"));
            var host = uri.IsAbsoluteUri ? uri.Authority : "the registry";
            return new RegistryAuthenticationException(
                $"{host} denied {method} {HttpLogFormatter.WithoutQuery(uri)} with {(int)status} {status}.{codes}");
        }

        return new RegistryRequestFailedException(method, uri, status, errors, detail);
    }

    /// <summary>Parses <c>{"errors":[{"code","message"}]}</c>; anything else gives an empty list.</summary>
    public static IReadOnlyList<OciError> ParseErrors(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var errors = new List<OciError>();
            foreach (var item in array.EnumerateArray().Take(20))
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                    ? c.GetString()! : "UNKNOWN";
                var message = item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()! : string.Empty;
                errors.Add(new OciError(Trim(code, 64), Trim(message, MaxMessageLength)));
            }

            return errors;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Trim(string value, int max) => value.Length > max ? value[..max] + "..." : value;
}

using System.Buffers.Text;
using System.Text.Json;

namespace Planton.Registry.Sdk.Credentials.Azure;

/// <summary>Reads the <c>exp</c> claim of a JWT without checking its signature (the issuer checks that).</summary>
internal static class JwtExpiry
{
    /// <summary>The <c>exp</c> claim, or null when the token is not a JWT or has none.</summary>
    public static DateTimeOffset? Read(Secret token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Reveal().Split('.');
        if (parts.Length != 3 || parts[1].Length is 0 or > 64 * 1024)
        {
            return null;
        }

        var payload = new byte[Base64Url.GetMaxDecodedLength(parts[1].Length)];
        if (Base64Url.DecodeFromChars(parts[1], payload, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.AsMemory(0, written));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("exp", out var exp)
                && exp.ValueKind == JsonValueKind.Number
                && exp.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253402300799
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

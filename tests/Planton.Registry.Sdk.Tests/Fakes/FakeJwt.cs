using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>Unsigned-looking JWTs that carry claims, as the Entra and ACR fakes mint them.</summary>
internal static class FakeJwt
{
    public static string Create(IReadOnlyDictionary<string, object> claims, string signature = "c2lnbmF0dXJl")
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        return $"{header}.{payload}.{signature}";
    }

    public static JsonDocument Payload(string jwt) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
}

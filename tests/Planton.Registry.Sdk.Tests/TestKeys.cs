using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Planton.Registry.Sdk.Tests;

/// <summary>Valid-looking keys and connections for tests; none is a real credential.</summary>
internal static class TestKeys
{
    private static readonly Lazy<RSA> s_rsa = new(() => RSA.Create(2048));

    public static RSA Rsa => s_rsa.Value;

    /// <summary>A base64 service-account key JSON whose private key is <see cref="Rsa"/>.</summary>
    public static string ServiceAccountKeyBase64(string tokenUri = "https://oauth2.googleapis.com/token")
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "planton-test",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = Rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "pusher@planton-test.iam.gserviceaccount.com",
            ["client_id"] = "100000000000000000001",
            ["token_uri"] = tokenUri,
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Planton.Registry.Sdk.Credentials.Gcp;

/// <summary>The fields of a service-account key JSON that the JWT-bearer grant needs.</summary>
internal sealed class GcpServiceAccountKey
{
    private const string Field = "GcpArtifactRegistry:ServiceAccountKey";

    private GcpServiceAccountKey(
        string clientEmail, string? privateKeyId, Uri tokenUri, string? projectId, Secret privateKey)
    {
        ClientEmail = clientEmail;
        PrivateKeyId = privateKeyId;
        TokenUri = tokenUri;
        ProjectId = projectId;
        PrivateKey = privateKey;
    }

    /// <summary>The service account (<c>client_email</c>), the assertion's issuer.</summary>
    public string ClientEmail { get; }

    /// <summary>The key id (<c>private_key_id</c>), sent as the JWT's <c>kid</c>.</summary>
    public string? PrivateKeyId { get; }

    /// <summary>Where the assertion goes (<c>token_uri</c>), also its audience.</summary>
    public Uri TokenUri { get; }

    /// <summary>The project that owns the service account (<c>project_id</c>).</summary>
    public string? ProjectId { get; }

    /// <summary>The PEM PKCS#8 RSA private key (<c>private_key</c>).</summary>
    public Secret PrivateKey { get; }

    /// <summary>Decodes a base64 key JSON that the connection validator has accepted.</summary>
    /// <exception cref="RegistryConfigurationException">The key is not a service-account key; names no part of
    /// it.</exception>
    public static GcpServiceAccountKey Parse(Secret base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var text = string.Concat(base64.Reveal().Where(c => !char.IsWhiteSpace(c)));
        var bytes = new byte[text.Length];
        try
        {
            if (!Convert.TryFromBase64String(text, bytes, out var length))
            {
                throw Invalid("is not valid base64");
            }

            var json = bytes.AsMemory(0, length);
            if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                json = json[3..];
            }

            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var email = Member(root, "client_email") ?? throw Invalid("has no client_email");
            var pem = Member(root, "private_key") ?? throw Invalid("has no private_key");
            var tokenUri = Member(root, "token_uri");
            if (tokenUri is null || !Uri.TryCreate(tokenUri, UriKind.Absolute, out var uri))
            {
                throw Invalid("has no absolute token_uri");
            }

            return new GcpServiceAccountKey(
                email, Member(root, "private_key_id"), uri, Member(root, "project_id"), new Secret(pem));
        }
        catch (JsonException)
        {
            throw Invalid("does not decode to JSON");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Shows the service account and token endpoint; never the key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{ClientEmail} ({TokenUri.GetLeftPart(UriPartial.Path)})";

    private static string? Member(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static RegistryConfigurationException Invalid(string what) =>
        new(Field, $"The service-account key {what}; it must be the base64 of a Google service-account key JSON.");
}

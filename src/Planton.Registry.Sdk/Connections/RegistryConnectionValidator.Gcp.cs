using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="GcpArtifactRegistryOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    /// <summary>The longest base64 service-account key accepted (real keys are about 3,200 characters).</summary>
    private const int MaxServiceAccountKeyLength = 64 * 1024;

    /// <summary>The longest PEM private key accepted (a 4096-bit RSA key is about 3,300 characters).</summary>
    private const int MaxPrivateKeyLength = 16 * 1024;

    private const string GcpSection = nameof(RegistryConnectionOptions.GcpArtifactRegistry);

    private const string GcpProjectRule =
        "a project id of 6 to 30 lowercase letters, digits and hyphens that starts with a letter and does not end "
        + "with a hyphen, e.g. my-project-123 (or a domain-scoped id such as example.com:my-project)";

    private const string GcpRegionRule =
        "a region such as us-central1 or europe-west10, or a multi-region: us, europe or asia";

    private const string GarRepositoryRule =
        "1 to 63 lowercase letters, digits and hyphens that start with a letter and do not end with a hyphen, "
        + "e.g. docker-images";

    private const string ServiceAccountKeyRule =
        "the base64 of a Google service-account key JSON file (type service_account, with client_email, "
        + "private_key and token_uri)";

    private const string PemPrivateKeyHeader = "-----BEGIN PRIVATE KEY-----";

    private static readonly string[] s_gcpMultiRegions = ["us", "europe", "asia"];

    private static readonly string[] s_otherCredentialTypes =
        ["authorized_user", "external_account", "external_account_authorized_user", "impersonated_service_account"];

    private static void ValidateGcp(
        GcpArtifactRegistryOptions gcp, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        Require(
            Field(GcpSection, nameof(GcpArtifactRegistryOptions.ProjectId)),
            gcp.ProjectId,
            IsGcpProjectId,
            GcpProjectRule,
            problems);
        Require(
            Field(GcpSection, nameof(GcpArtifactRegistryOptions.Region)),
            gcp.Region,
            IsGcpLocation,
            GcpRegionRule,
            problems);
        Require(
            Field(GcpSection, nameof(GcpArtifactRegistryOptions.RepositoryName)),
            gcp.RepositoryName,
            IsGarRepository,
            GarRepositoryRule,
            problems);
        ValidateServiceAccountKey(gcp, allowInsecureHttp, problems);
        if (!Enum.IsDefined(gcp.Format))
        {
            problems.Add(new ConfigurationProblem(
                Field(GcpSection, nameof(GcpArtifactRegistryOptions.Format)),
                $"must be Docker, Npm or Maven; got '{(int)gcp.Format}'."));
        }

        if (!Enum.IsDefined(gcp.CredentialMode))
        {
            problems.Add(new ConfigurationProblem(
                Field(GcpSection, nameof(GcpArtifactRegistryOptions.CredentialMode)),
                $"must be AccessToken or JsonKey; got '{(int)gcp.CredentialMode}'."));
        }

        CheckUrl(
            Field(GcpSection, nameof(GcpArtifactRegistryOptions.RegistryUrl)),
            gcp.RegistryUrl,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://us-central1-docker.pkg.dev",
            problems);
    }

    /// <summary>A project id, or a legacy domain-scoped one (<c>example.com:my-project</c>).</summary>
    private static bool IsGcpProjectId(string value)
    {
        if (value.Length > 253 + 1 + 30)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return GcpProjectIdRegex().IsMatch(value);
        }

        var domain = value.AsSpan(0, colon);
        return domain.Contains('.')
            && !domain.ContainsAnyInRange('A', 'Z')
            && IsDnsName(domain)
            && GcpProjectIdRegex().IsMatch(value.AsSpan(colon + 1));
    }

    private static bool IsGcpLocation(string value) =>
        value.Length <= 64 && (s_gcpMultiRegions.Contains(value) || GcpRegionRegex().IsMatch(value));

    private static bool IsGarRepository(string value) =>
        value.Length <= 63 && value[^1] != '-' && GarRepositoryRegex().IsMatch(value);

    private static void ValidateServiceAccountKey(
        GcpArtifactRegistryOptions gcp, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        var field = Field(GcpSection, nameof(GcpArtifactRegistryOptions.ServiceAccountKey));
        if (!IsSet(gcp.ServiceAccountKey))
        {
            problems.Add(new ConfigurationProblem(field, $"is required; it must be {ServiceAccountKeyRule}."));
            return;
        }

        var wrong = ServiceAccountKeyProblem(gcp.ServiceAccountKey.Reveal(), allowInsecureHttp);
        if (wrong is not null)
        {
            problems.Add(new ConfigurationProblem(field, $"{wrong}; it must be {ServiceAccountKeyRule}."));
        }
    }

    /// <summary>Says what is wrong with a base64 key, without any part of its value, or returns null.</summary>
    private static string? ServiceAccountKeyProblem(string base64, bool allowInsecureHttp)
    {
        if (base64.Length > MaxServiceAccountKeyLength)
        {
            return "is too long to be a service-account key (at most 65536 characters)";
        }

        if (base64.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return "holds the key JSON itself, not its base64 (encode it, e.g. with base64 -w0 key.json)";
        }

        var bytes = new byte[base64.Length];
        try
        {
            if (!Convert.TryFromBase64String(base64, bytes, out var length))
            {
                return "is not valid base64";
            }

            var json = bytes.AsMemory(0, length);
            if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                json = json[3..];
            }

            return KeyJsonProblem(json, allowInsecureHttp);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string? KeyJsonProblem(ReadOnlyMemory<byte> json, bool allowInsecureHttp)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return "decodes to text that is not JSON";
        }
        catch (ArgumentException)
        {
            return "decodes to text that is not JSON";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "decodes to JSON that is not an object";
            }

            var wrong = new List<string>();
            AddIfNotNull(wrong, KeyTypeProblem(root));
            AddIfNotNull(wrong, ClientEmailProblem(root));
            AddIfNotNull(wrong, PrivateKeyProblem(root));
            var tokenUri = StringMember(root, "token_uri");
            AddIfNotNull(
                wrong,
                tokenUri is null ? "token_uri is missing" : TokenUriProblem(tokenUri, allowInsecureHttp));
            return wrong.Count == 0 ? null : "decodes to a key JSON whose " + string.Join(", and whose ", wrong);
        }
    }

    private static string? KeyTypeProblem(JsonElement root)
    {
        var type = StringMember(root, "type");
        if (type is null)
        {
            return "type is missing (expected service_account)";
        }

        if (string.Equals(type, "service_account", StringComparison.Ordinal))
        {
            return null;
        }

        var known = Array.Find(s_otherCredentialTypes, t => string.Equals(t, type, StringComparison.Ordinal));
        return known is null
            ? "type is not service_account"
            : $"type is {known}, not service_account (create a key for a service account instead)";
    }

    private static string? ClientEmailProblem(JsonElement root)
    {
        var email = StringMember(root, "client_email");
        if (string.IsNullOrWhiteSpace(email))
        {
            return "client_email is missing";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < email.Length - 1 && !ContainsWhiteSpaceOrControl(email)
            ? null
            : "client_email is not an email address";
    }

    private static string? PrivateKeyProblem(JsonElement root)
    {
        var pem = StringMember(root, "private_key");
        if (string.IsNullOrWhiteSpace(pem))
        {
            return "private_key is missing";
        }

        if (pem.Length > MaxPrivateKeyLength || !pem.Contains(PemPrivateKeyHeader, StringComparison.Ordinal))
        {
            return $"private_key is not a PEM PKCS#8 key ({PemPrivateKeyHeader})";
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or PlatformNotSupportedException)
        {
            return "private_key is not a readable RSA private key";
        }
    }

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : null;

    private static void AddIfNotNull(List<string> list, string? item)
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex GcpProjectIdRegex();

    [GeneratedRegex(@"^[a-z]+-[a-z]+[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex GcpRegionRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex GarRepositoryRegex();
}

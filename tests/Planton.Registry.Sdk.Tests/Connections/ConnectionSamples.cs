using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>One valid connection per provider, and service-account keys built from a real RSA key.</summary>
internal static class ConnectionSamples
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "66666666-7777-8888-9999-000000000000";

    private static readonly Lazy<string> s_privateKeyPem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    private static readonly Lazy<string> s_ecPrivateKeyPem = new(() =>
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    });

    /// <summary>A PKCS#8 PEM RSA key, generated once per test run.</summary>
    public static string PrivateKeyPem => s_privateKeyPem.Value;

    /// <summary>A PKCS#8 PEM EC key: the right header, the wrong algorithm.</summary>
    public static string EcPrivateKeyPem => s_ecPrivateKeyPem.Value;

    /// <summary>The JSON of a service-account key file, as Google issues it.</summary>
    public static JsonObject KeyJson() => new()
    {
        ["type"] = "service_account",
        ["project_id"] = "my-project-123",
        ["private_key_id"] = "0123456789abcdef0123456789abcdef01234567",
        ["private_key"] = PrivateKeyPem,
        ["client_email"] = "pusher@my-project-123.iam.gserviceaccount.com",
        ["client_id"] = "123456789012345678901",
        ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
        ["token_uri"] = "https://oauth2.googleapis.com/token",
    };

    /// <summary>The base64 of a key JSON, optionally edited first.</summary>
    public static string KeyBase64(Action<JsonObject>? edit = null)
    {
        var json = KeyJson();
        edit?.Invoke(json);
        return Base64(json.ToJsonString());
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static RegistryConnectionOptions Gcp() => new()
    {
        Name = "gcp-images",
        Provider = RegistryProviderKind.GcpArtifactRegistry,
        GcpArtifactRegistry = new GcpArtifactRegistryOptions
        {
            ProjectId = "my-project-123",
            Region = "us-central1",
            RepositoryName = "docker-images",
            ServiceAccountKey = new Secret(KeyBase64()),
        },
    };

    public static RegistryConnectionOptions Ecr() => new()
    {
        Name = "prod-images",
        Provider = RegistryProviderKind.AwsEcr,
        AwsEcr = new AwsEcrOptions
        {
            AccountId = "123456789012",
            Region = "us-east-1",
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            SecretAccessKey = new Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        },
    };

    public static RegistryConnectionOptions Acr() => new()
    {
        Name = "azure-images",
        Provider = RegistryProviderKind.AzureContainerRegistry,
        AzureContainerRegistry = new AzureContainerRegistryOptions
        {
            RegistryName = "myregistry",
            TenantId = TenantId,
            ClientId = ClientId,
            ClientSecret = new Secret("client-secret-value"),
        },
    };

    public static RegistryConnectionOptions JFrog() => new()
    {
        Name = "jfrog-images",
        Provider = RegistryProviderKind.JFrogArtifactory,
        JFrogArtifactory = new JFrogArtifactoryOptions
        {
            Url = "https://acme.jfrog.io",
            RepositoryKey = "docker-local",
            Username = "ci-bot",
            AccessToken = new Secret("jfrog-access-token"),
        },
    };

    public static RegistryConnectionOptions Ghcr() => new()
    {
        Name = "ghcr-images",
        Provider = RegistryProviderKind.GitHubContainerRegistry,
        GitHubContainerRegistry = new GitHubContainerRegistryOptions
        {
            Username = "octocat",
            PersonalAccessToken = new Secret("ghp_0123456789abcdefghijABCDEFGHIJ012345"),
        },
    };

    public static RegistryConnectionOptions GitHubPackages() => new()
    {
        Name = "github-npm",
        Provider = RegistryProviderKind.GitHubPackages,
        GitHubPackages = new GitHubPackagesOptions
        {
            Username = "octocat",
            PersonalAccessToken = new Secret("ghp_0123456789abcdefghijABCDEFGHIJ012345"),
            Owner = "acme-corp",
            Format = ArtifactFormat.Npm,
        },
    };

    public static RegistryConnectionOptions R2() => new()
    {
        Name = "worker-bundles",
        Provider = RegistryProviderKind.CloudflareR2,
        CloudflareR2 = new CloudflareR2Options
        {
            AccountId = "0123456789abcdef0123456789abcdef",
            AccessKeyId = "fedcba9876543210fedcba9876543210",
            SecretAccessKey = new Secret(new string('a', 64)),
            Bucket = "worker-bundles",
        },
    };

    public static RegistryConnectionOptions Oci() => new()
    {
        Name = "local-registry",
        Provider = RegistryProviderKind.OciRegistry,
        OciRegistry = new OciRegistryOptions
        {
            Url = "https://registry.example.com",
            Username = "ci-bot",
            Password = new Secret("registry-password"),
            Repository = "team/services",
        },
    };

    /// <summary>Every sample, keyed by provider.</summary>
    public static IEnumerable<(RegistryProviderKind Provider, Func<RegistryConnectionOptions> Create)> All()
    {
        yield return (RegistryProviderKind.GcpArtifactRegistry, Gcp);
        yield return (RegistryProviderKind.AwsEcr, Ecr);
        yield return (RegistryProviderKind.AzureContainerRegistry, Acr);
        yield return (RegistryProviderKind.JFrogArtifactory, JFrog);
        yield return (RegistryProviderKind.GitHubContainerRegistry, Ghcr);
        yield return (RegistryProviderKind.GitHubPackages, GitHubPackages);
        yield return (RegistryProviderKind.CloudflareR2, R2);
        yield return (RegistryProviderKind.OciRegistry, Oci);
    }
}

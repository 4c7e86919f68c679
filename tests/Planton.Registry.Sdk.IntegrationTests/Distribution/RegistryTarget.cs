using System.Security.Cryptography.X509Certificates;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>
/// One of the loopback registries of registry-up.sh, read from the environment that .ci/run exports (or
/// <c>source /tmp/planton-it/registry.env</c>); the test is ignored only when its variables are missing.
/// </summary>
internal sealed class RegistryTarget : IDisposable
{
    private RegistryTarget(
        string name, RegistryEndpoint endpoint, RegistryCredential? credential, HttpClient http,
        IReadOnlyList<string> skopeoTlsArguments)
    {
        Name = name;
        Endpoint = endpoint;
        Credential = credential;
        Http = http;
        SkopeoTlsArguments = skopeoTlsArguments;
    }

    public string Name { get; }

    public RegistryEndpoint Endpoint { get; }

    public RegistryCredential? Credential { get; }

    public IRegistryCredentialSource Credentials => new StaticCredentialSource(Credential);

    public HttpClient Http { get; }

    /// <summary>skopeo options for this registry's transport: <c>--tls-verify=false</c> or <c>--cert-dir</c>.</summary>
    public IReadOnlyList<string> SkopeoTlsArguments { get; }

    public static RegistryTarget Create(string name)
    {
        var user = Require("PLANTON_REGISTRY_USER");
        var password = Require("PLANTON_REGISTRY_PASSWORD");
        var basic = new RegistryCredential(user, new Secret(password));
        return name switch
        {
            "basic" => Plain(name, Require("PLANTON_REGISTRY_URL"), basic),
            "anon" => Plain(name, Require("PLANTON_REGISTRY_ANON_URL"), null),
            "token" => Plain(name, Require("PLANTON_REGISTRY_TOKEN_URL"), basic),
            "tls" => Tls(name, Require("PLANTON_REGISTRY_TLS_URL"), basic),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown registry."),
        };
    }

    public static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            Assert.Ignore($"{variable} is not set; run registry-up.sh and export /tmp/planton-it/registry.env.");
        }

        return value!;
    }

    public RegistryTarget WithCredential(RegistryCredential? credential) =>
        new(Name, Endpoint, credential, Http, SkopeoTlsArguments);

    public OciRegistryClient CreateClient(TimeProvider? timeProvider = null) =>
        OciRegistryClient.Create(Http, timeProvider);

    /// <summary>skopeo's <c>docker://</c> reference for a repository and tag or digest.</summary>
    public string DockerReference(string repository, string tagOrDigest) =>
        tagOrDigest.Contains(':')
            ? $"docker://{Endpoint.Host}/{repository}@{tagOrDigest}"
            : $"docker://{Endpoint.Host}/{repository}:{tagOrDigest}";

    /// <summary>skopeo options that authenticate as this target's user (none for anonymous).</summary>
    public IEnumerable<string> SkopeoCredentialArguments(string prefix = "") =>
        Credential is null ? [] : [$"--{prefix}creds", $"{Credential.Username}:{Credential.Password.Reveal()}"];

    public IEnumerable<string> SkopeoTransportArguments(string prefix = "") =>
        SkopeoTlsArguments.Select(a => a.Replace("--", "--" + prefix, StringComparison.Ordinal));

    public void Dispose() => Http.Dispose();

    private static RegistryTarget Plain(string name, string url, RegistryCredential? credential) =>
        new(
            name,
            RegistryEndpoint.Create(url),
            credential,
            new HttpClient(OciRegistryClient.CreatePrimaryHandler()),
            ["--tls-verify=false"]);

    private static RegistryTarget Tls(string name, string url, RegistryCredential credential)
    {
        var caPath = Require("PLANTON_TLS_CA");
        var certDirectory = Require("PLANTON_TLS_CERT_DIR");
        var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        var handler = OciRegistryClient.CreatePrimaryHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { ca },
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return new RegistryTarget(
            name, RegistryEndpoint.Create(url), credential, new HttpClient(handler), [$"--cert-dir={certDirectory}"]);
    }
}

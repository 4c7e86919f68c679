using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Planton.Registry.Sdk.IntegrationTests.Distribution;
using Planton.Registry.Sdk.Tests;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.IntegrationTests.Credentials;

/// <summary>
/// End to end: <c>planton-registry login</c> (a separate process) for GCP, ECR and Azure connections whose token
/// services are loopback fakes that verify what the real ones verify, with <c>RegistryUrl</c> pointing at a real
/// distribution registry; then skopeo pushes with the docker config that login wrote and reads the image back. The
/// Azure fakes speak https with the shared test certificate, which the CLI trusts through SSL_CERT_DIR.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class CloudLoginEndToEndTests
{
    private const string ClientEmail = "pusher@planton-test.iam.gserviceaccount.com";
    private const string AccessKeyId = "AKIAPLANTONTEST00001";
    private const string SecretAccessKey = "planton/e2e+secret/access/key/00000000000";
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "66666666-7777-8888-9999-000000000000";
    private const string ClientSecret = "planton~e2e~client~secret";
    private const string NullGuid = "00000000-0000-0000-0000-000000000000";

    /// <summary>A docker config with neighbours that login must keep (no credsStore: skopeo would call it).</summary>
    private const string ExistingConfig =
        "{\n"
        + "\t\"auths\": {\n"
        + "\t\t\"ghcr.io\": {\n\t\t\t\"auth\": \"b2N0b2NhdDpnaHBfZXhhbXBsZQ==\"\n\t\t},\n"
        + "\t\t\"https://index.docker.io/v1/\": {\"auth\": \"ZG9ja2VyOmh1Yg==\", \"email\": \"a@b\"}\n"
        + "\t},\n"
        + "\t\"credHelpers\": {\n\t\t\"123456789012.dkr.ecr.us-east-1.amazonaws.com\": \"ecr-login\"\n\t},\n"
        + "\t\"psFormat\": \"table {{.ID}}\\t{{.Image}}\",\n"
        + "\t\"experimental\": \"enabled\"\n"
        + "}";

    private string _work = null!;
    private OwnRegistry _registry = null!;
    private FakeGoogleTokenServer _google = null!;
    private FakeEcrApiServer _ecr = null!;
    private FakeAzureServer _azure = null!;
    private string _helperFolder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _work = Directory.CreateTempSubdirectory("planton-cred-e2e-").FullName;
        _google = new FakeGoogleTokenServer(TimeProvider.System)
        {
            AccessToken = "ya29." + Guid.NewGuid().ToString("N"),
        };
        _google.RegisterKey(ClientEmail, TestKeys.Rsa);
        _ecr = new FakeEcrApiServer(TimeProvider.System) { Password = "ecr-" + Guid.NewGuid().ToString("N") };
        _ecr.AddKey(AccessKeyId, SecretAccessKey);
        var tls = Path.GetDirectoryName(LoopbackServers.Require("PLANTON_TLS_CA"))!;
        var certificate = X509Certificate2.CreateFromPemFile(
            Path.Combine(tls, "ca.crt"), Path.Combine(tls, "server.key"));
        _azure = new FakeAzureServer(TimeProvider.System, certificate, TenantId, ClientId, ClientSecret);
        _azure.RefreshToken = FakeJwt.Create(new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["exp"] = DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds(),
        });
        _registry = await OwnRegistry.StartAsync(Path.Combine(_work, "registry"), new Dictionary<string, string>
        {
            ["oauth2accesstoken"] = _google.AccessToken,
            ["AWS"] = _ecr.Password,
            [NullGuid] = _azure.RefreshToken,
        });
        _helperFolder = WriteHelperShim();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _registry.DisposeAsync();
        await _google.DisposeAsync();
        await _ecr.DisposeAsync();
        await _azure.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [TestCase("gcp")]
    [TestCase("ecr")]
    [TestCase("acr")]
    public async Task Login_ThenSkopeoPushesAndInspects_WithTheWrittenConfig(string provider)
    {
        var config = Path.Combine(_work, provider + "-config.json");
        await File.WriteAllTextAsync(config, ExistingConfig);
        var connection = WriteConnection(provider, secretOverride: null, _registry.Url);

        var login = await ProcessRunner.RunCliAsync(
            ["login", "--connection", connection, "--docker-config", config], Environment());

        Assert.That(login.ExitCode, Is.Zero, login.ToString());
        var host = _registry.Host.Replace(".", @"\.", StringComparison.Ordinal);
        Assert.That(login.StandardOutput, Does.Match($@"^{host} expires \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$"));
        AssertNeighboursKept(File.ReadAllText(config), _registry.Host);
        await AssertSkopeoPushesAndInspectsAsync(config, provider);
    }

    [TestCase("gcp")]
    [TestCase("ecr")]
    [TestCase("acr")]
    public async Task Login_WrongSecret_ExitsThreeWithoutTheSecretAndLeavesTheConfig(string provider)
    {
        var config = Path.Combine(_work, provider + "-wrong-config.json");
        await File.WriteAllTextAsync(config, ExistingConfig);
        const string wrong = "Wr0ng~Secret~Never~Printed~000000000000";
        var connection = WriteConnection(provider, wrong, _registry.Url);

        var login = await ProcessRunner.RunCliAsync(
            ["login", "--verbose", "--connection", connection, "--docker-config", config], Environment());

        var output = login.StandardOutput + login.StandardError;
        Assert.Multiple(() =>
        {
            Assert.That(login.ExitCode, Is.EqualTo(3), login.ToString());
            Assert.That(login.StandardError, Does.Contain("refused"));
            Assert.That(output, Does.Not.Contain(wrong).And.Not.Contain(SecretAccessKey).And.Not.Contain(ClientSecret));
            Assert.That(output, Does.Not.Contain("PRIVATE KEY").And.Not.Contain(_google.AccessToken));
            Assert.That(File.ReadAllText(config), Is.EqualTo(ExistingConfig));
        });
    }

    [Test]
    public async Task Login_TwoProcessesIntoOneConfigAtOnce_BothEntriesKept()
    {
        var config = Path.Combine(_work, "concurrent-config.json");
        await File.WriteAllTextAsync(config, ExistingConfig);
        var viaIp = WriteConnection("ecr", null, _registry.Url);
        var viaName = WriteConnection("gcp", null, $"http://localhost:{_registry.Port}");

        var logins = await Task.WhenAll(
            ProcessRunner.RunCliAsync(["login", "--connection", viaIp, "--docker-config", config], Environment()),
            ProcessRunner.RunCliAsync(["login", "--connection", viaName, "--docker-config", config], Environment()));

        Assert.That(logins.Select(l => l.ExitCode), Is.All.Zero, string.Join('\n', logins.Select(l => l.ToString())));
        var auths = JsonNode.Parse(File.ReadAllText(config))!["auths"]!.AsObject();
        Assert.That(
            auths.Select(a => a.Key),
            Is.EquivalentTo(new[]
            {
                "ghcr.io", "https://index.docker.io/v1/", _registry.Host, $"localhost:{_registry.Port}",
            }));
    }

    [Test]
    public async Task CredentialHelper_NamedInCredHelpers_SkopeoGetsFreshEcrCredentialsFromIt()
    {
        var connections = Path.Combine(_work, "helper-connections");
        Directory.CreateDirectory(connections);
        File.Copy(WriteConnection("ecr", null, _registry.Url), Path.Combine(connections, "ecr.json"), overwrite: true);
        var config = Path.Combine(_work, "helper-config.json");
        await File.WriteAllTextAsync(config, $"{{\"credHelpers\": {{\"{_registry.Host}\": \"planton\"}}}}");
        var tokensBefore = _ecr.Calls("GetAuthorizationToken");
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = _helperFolder + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["PLANTON_REGISTRY_CONNECTIONS"] = connections,
        };

        var get = await ProcessRunner.RunAsync(
            Path.Combine(_helperFolder, "docker-credential-planton"),
            ["get"],
            environment,
            stdin: _registry.Host + "\n");
        Assert.That(get.ExitCode, Is.Zero, get.ToString());
        using (var json = JsonDocument.Parse(get.StandardOutput))
        {
            Assert.That(json.RootElement.GetProperty("Username").GetString(), Is.EqualTo("AWS"));
            Assert.That(json.RootElement.GetProperty("Secret").GetString(), Is.EqualTo(_ecr.Password));
        }

        await AssertSkopeoPushesAndInspectsAsync(config, "helper", environment);
        Assert.That(_ecr.Calls("GetAuthorizationToken"), Is.GreaterThan(tokensBefore + 1));
    }

    private async Task AssertSkopeoPushesAndInspectsAsync(
        string config, string name, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var tag = "v" + Guid.NewGuid().ToString("N")[..12];
        var layout = Path.Combine(_work, name + "-layout-" + tag);
        var digest = await ExternalTools.MakeOciLayoutAsync(layout, tag);
        var target = $"docker://{_registry.Host}/cred/{name}:{tag}";

        var copy = await ProcessRunner.RunAsync(
            "skopeo",
            ["copy", "--authfile", config, "--dest-tls-verify=false", $"oci:{layout}:{tag}", target],
            environment);
        Assert.That(copy.ExitCode, Is.Zero, copy.ToString());

        var inspect = await ProcessRunner.RunAsync(
            "skopeo", ["inspect", "--authfile", config, "--tls-verify=false", target], environment);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(json.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(digest));
    }

    /// <summary>
    /// The entries login did not own are unchanged in meaning, and byte for byte up to where it wrote.
    /// </summary>
    private static void AssertNeighboursKept(string written, string host)
    {
        const string lastEntryEnd = "\"email\": \"a@b\"}";
        var insertAt = ExistingConfig.IndexOf(lastEntryEnd, StringComparison.Ordinal) + lastEntryEnd.Length;
        var node = JsonNode.Parse(written)!;
        node["auths"]!.AsObject().Remove(host);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(node, JsonNode.Parse(ExistingConfig)), Is.True, written);
            Assert.That(written, Does.StartWith(ExistingConfig[..insertAt]));
            Assert.That(written, Does.EndWith(ExistingConfig[insertAt..]));
        });
    }

    private static Dictionary<string, string?> Environment() => new()
    {
        ["SSL_CERT_DIR"] = LoopbackServers.Require("PLANTON_TLS_CERT_DIR") + ":/etc/ssl/certs",
    };

    private string WriteConnection(string provider, string? secretOverride, string registryUrl)
    {
        object connection = provider switch
        {
            "gcp" => new
            {
                Name = "gcp",
                Provider = "GcpArtifactRegistry",
                GcpArtifactRegistry = new
                {
                    ProjectId = "planton-test",
                    Region = "us-central1",
                    RepositoryName = "images",
                    ServiceAccountKey = secretOverride is null
                        ? TestKeys.ServiceAccountKeyBase64(_google.TokenUri.AbsoluteUri)
                        : OtherKey(_google.TokenUri.AbsoluteUri),
                    RegistryUrl = registryUrl,
                },
            },
            "ecr" => new
            {
                Name = "ecr",
                Provider = "AwsEcr",
                AwsEcr = new
                {
                    AccountId = _ecr.AccountId,
                    Region = _ecr.Region,
                    AccessKeyId,
                    SecretAccessKey = secretOverride ?? SecretAccessKey,
                    Endpoint = _ecr.Endpoint.AbsoluteUri,
                    RegistryUrl = registryUrl,
                },
            },
            _ => new
            {
                Name = "acr",
                Provider = "AzureContainerRegistry",
                AzureContainerRegistry = new
                {
                    LoginServer = _azure.Authority,
                    TenantId,
                    ClientId,
                    ClientSecret = secretOverride ?? ClientSecret,
                    AuthorityHost = _azure.BaseUri.AbsoluteUri,
                    RegistryUrl = registryUrl,
                },
            },
        };
        var path = Path.Combine(_work, $"{provider}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(connection));
        return path;
    }

    /// <summary>A service-account key for the same account signed with a key Google does not know.</summary>
    private static string OtherKey(string tokenUri)
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "planton-test",
            ["private_key_id"] = "fedcba9876543210",
            ["private_key"] = other.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["token_uri"] = tokenUri,
        });
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// A folder holding <c>docker-credential-planton</c> as skopeo finds helpers: on PATH. The test runs the built
    /// helper through <c>dotnet</c> with a two-line script (only the test does this; the tool package installs the
    /// real command).
    /// </summary>
    private string WriteHelperShim()
    {
        var folder = Path.Combine(_work, "bin");
        Directory.CreateDirectory(folder);
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "docker-credential-planton.dll");
        var shim = Path.Combine(folder, "docker-credential-planton");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{dll}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }
}

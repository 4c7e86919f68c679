using System.Text.Json;
using Planton.Registry.Cli;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.Tests.Cli;

/// <summary>
/// <c>login</c> and <c>credential-helper</c> run in process, against loopback token-service fakes on the real clock
/// (the command line uses the system clock).
/// </summary>
public sealed class CredentialCommandTests
{
    private const string ClientEmail = "pusher@planton-test.iam.gserviceaccount.com";
    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Directory.CreateTempSubdirectory("planton-cred-cli-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task Login_StaticConnection_MergesTheEntryAndPrintsNever()
    {
        var config = Path.Combine(_work, "docker", "config.json");
        var connection = Write("oci", new
        {
            Name = "oci",
            Provider = "OciRegistry",
            OciRegistry = new { Url = "http://127.0.0.1:5001", Username = "testuser", Password = "testpassword" },
        });

        var (code, stdout, stderr) = await RunAsync(
            ["login", "--no-verify", "--connection", connection, "--docker-config", config]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout, Is.EqualTo("127.0.0.1:5001 expires never" + Environment.NewLine));
            Assert.That(
                stderr, Does.Contain("logged in to 127.0.0.1:5001 as testuser").And.Not.Contain("testpassword"));
            Assert.That(File.ReadAllText(config), Does.Contain("dGVzdHVzZXI6dGVzdHBhc3N3b3Jk"));
        });
    }

    [Test]
    public async Task Login_OlderSchemePrefixedKeyForTheHost_IsReplacedByTheBareHost()
    {
        var config = Path.Combine(_work, "config.json");
        const string other = "\"ghcr.io\": {\"auth\": \"eDp5\"}";
        File.WriteAllText(
            config, "{\"auths\": {\"http://127.0.0.1:5001\": {\"auth\": \"b2xk\"}, " + other + "}}");

        var (code, _, stderr) = await RunAsync(
            ["login", "--no-verify", "--connection", WriteOci(), "--docker-config", config]);

        var text = File.ReadAllText(config);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(text, Does.Not.Contain("http://127.0.0.1:5001").And.Contain(other));
            Assert.That(text, Does.Contain("\"127.0.0.1:5001\"").And.Contain("dGVzdHVzZXI6dGVzdHBhc3N3b3Jk"));
        });
    }

    [Test]
    public async Task Login_GcpKeyAcceptedByTheTokenService_PrintsTheHostAndTheTokensExpiry()
    {
        await using var google = new FakeGoogleTokenServer(TimeProvider.System);
        google.RegisterKey(ClientEmail, TestKeys.Rsa);
        var config = Path.Combine(_work, "config.json");
        var connection = WriteGcp(google);

        var (code, stdout, stderr) = await RunAsync(
            ["login", "--no-verify", "--connection", connection, "--docker-config", config]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout, Does.Match(@"^127\.0\.0\.1:5999 expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\r?\n$"));
            Assert.That(google.Exchanges, Is.EqualTo(1));
            Assert.That(File.ReadAllText(config), Does.Contain("\"127.0.0.1:5999\""));
        });
    }

    [Test]
    public async Task Login_GcpKeyRefused_ExitsThreeWithAClearMessageAndNoSecret()
    {
        await using var google = new FakeGoogleTokenServer(TimeProvider.System);
        using var other = System.Security.Cryptography.RSA.Create(2048);
        google.RegisterKey(ClientEmail, other);
        var connection = WriteGcp(google);
        var key = TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri);

        var (code, stdout, stderr) = await RunAsync(
            ["login", "--verbose", "--connection", connection, "--docker-config", Path.Combine(_work, "config.json")]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3), stderr);
            Assert.That(stderr, Does.Contain("refused the service-account key of " + ClientEmail));
            AssertNoSecret(stdout + stderr, key[..48], key[^48..], PemBody());
            Assert.That(File.Exists(Path.Combine(_work, "config.json")), Is.False);
        });
    }

    [Test]
    public async Task Login_EcrWrongSecret_ExitsThreeWithAClearMessageAndNoSecret()
    {
        await using var ecr = new FakeEcrApiServer(TimeProvider.System);
        ecr.AddKey("AKIAPLANTONTEST00001", "the/right+secret/access/key/000000000000");
        const string wrong = "the/wrong+secret/access/key/000000000000";
        var connection = Write("ecr", new
        {
            Name = "ecr",
            Provider = "AwsEcr",
            AwsEcr = new
            {
                AccountId = ecr.AccountId,
                Region = ecr.Region,
                AccessKeyId = "AKIAPLANTONTEST00001",
                SecretAccessKey = wrong,
                Endpoint = ecr.Endpoint.AbsoluteUri,
            },
        });

        var (code, stdout, stderr) = await RunAsync(
            ["login", "--verbose", "--connection", connection, "--docker-config", Path.Combine(_work, "config.json")]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3), stderr);
            Assert.That(stderr, Does.Contain("InvalidSignatureException").And.Contain("AwsEcr:SecretAccessKey"));
            AssertNoSecret(stdout + stderr, wrong, "the/right");
        });
    }

    [TestCase("127.0.0.1:5001\n")]
    [TestCase("https://127.0.0.1:5001/v2/")]
    public async Task CredentialHelperGet_KnownServer_PrintsServerUrlUsernameAndSecret(string stdin)
    {
        var connection = WriteOci();

        var (code, stdout, stderr) = await RunAsync(["credential-helper", "--connection", connection, "get"], stdin);

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("ServerURL").GetString(), Is.EqualTo(stdin.Trim()));
            Assert.That(json.RootElement.GetProperty("Username").GetString(), Is.EqualTo("testuser"));
            Assert.That(json.RootElement.GetProperty("Secret").GetString(), Is.EqualTo("testpassword"));
        });
    }

    [TestCase("registry.unknown.example", "credentials not found in native keychain")]
    [TestCase("  \n", "no credentials server URL")]
    public async Task CredentialHelperGet_UnknownOrEmpty_ProtocolMessageAndExitOne(string stdin, string message)
    {
        var (code, stdout, _) = await RunAsync(["credential-helper", "get", "--connection", WriteOci()], stdin);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stdout.Trim(), Is.EqualTo(message));
        });
    }

    [Test]
    public async Task CredentialHelperList_Connections_ServerToUsername()
    {
        var (code, stdout, stderr) = await RunAsync(["credential-helper", "--connection", WriteOci(), "list"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout.Trim(), Is.EqualTo("{\"127.0.0.1:5001\":\"testuser\"}"));
        });
    }

    [Test]
    [NonParallelizable]
    public async Task CredentialHelperGet_FolderWithUnreadableFiles_SkipsEachWithOneWarning()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "connections")).FullName;
        File.Move(WriteOci(), Path.Combine(folder, "oci.json"));
        var dangling = Path.Combine(folder, "a-dangling.json");
        File.CreateSymbolicLink(dangling, Path.Combine(_work, "missing-target.json"));
        var broken = Path.Combine(folder, "b-broken.json");
        File.WriteAllText(broken, "{\"Name\": \"broken\", \"Password\": \"NotShown-123\"");
        var saved = Environment.GetEnvironmentVariable("PLANTON_REGISTRY_CONNECTIONS");
        Environment.SetEnvironmentVariable("PLANTON_REGISTRY_CONNECTIONS", folder);
        try
        {
            var (code, stdout, stderr) = await RunAsync(["credential-helper", "get"], "127.0.0.1:5001");
            var (listCode, listOut, _) = await RunAsync(["credential-helper", "list"]);

            var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, stderr);
                Assert.That(stdout, Does.Contain("\"Secret\":\"testpassword\""));
                Assert.That(warnings.Count(w => w.Contains(dangling, StringComparison.Ordinal)), Is.EqualTo(1));
                Assert.That(warnings.Count(w => w.Contains(broken, StringComparison.Ordinal)), Is.EqualTo(1));
                Assert.That(stderr, Does.Not.Contain("NotShown-123"));
                Assert.That(listCode, Is.Zero);
                Assert.That(listOut.Trim(), Is.EqualTo("{\"127.0.0.1:5001\":\"testuser\"}"));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PLANTON_REGISTRY_CONNECTIONS", saved);
        }
    }

    [Test]
    public async Task CredentialHelperGet_TokenExchangeRefused_PrintsTheMessageOnStdoutToo()
    {
        await using var google = new FakeGoogleTokenServer(TimeProvider.System);
        using var other = System.Security.Cryptography.RSA.Create(2048);
        google.RegisterKey(ClientEmail, other);
        var connection = WriteGcp(google);
        var key = TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri);

        var (code, stdout, stderr) = await RunAsync(
            ["credential-helper", "--connection", connection, "get"], "127.0.0.1:5999");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3), stderr);
            Assert.That(stdout, Does.Contain("refused the service-account key of " + ClientEmail));
            Assert.That(stdout.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            AssertNoSecret(stdout, key[..48], key[^48..], PemBody());
        });
    }

    [Test]
    public async Task CredentialHelperGet_InvalidConnection_PrintsTheMessageOnStdoutAndExitsTwo()
    {
        var connection = Write("bad", new { Name = "bad", Provider = "OciRegistry", OciRegistry = new { Url = "" } });

        var (code, stdout, stderr) = await RunAsync(
            ["credential-helper", "--connection", connection, "get"], "127.0.0.1:5001");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), stderr);
            Assert.That(stdout.Trim(), Is.Not.Empty.And.Not.Contain("\n"));
            Assert.That(
                stdout, Does.Contain("The registry connection 'bad' is invalid").And.Contain("OciRegistry:Url"));
        });
    }

    [Test]
    public async Task CredentialHelperGet_TwoConnectionsForOneHost_FirstFileWinsWithAWarning()
    {
        var first = Write("a-first", new
        {
            Name = "zz-last-by-name",
            Provider = "OciRegistry",
            OciRegistry = new { Url = "http://127.0.0.1:5001", Username = "from-a", Password = "secret-a" },
        });
        var second = Write("b-second", new
        {
            Name = "aa-first-by-name",
            Provider = "OciRegistry",
            OciRegistry = new { Url = "http://127.0.0.1:5001", Username = "from-b", Password = "secret-b" },
        });

        var (code, stdout, stderr) = await RunAsync(
            ["credential-helper", "--connection", second, "--connection", first, "get"], "127.0.0.1:5001");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("Username").GetString(), Is.EqualTo("from-a"));
            Assert.That(
                stderr,
                Does.Contain("host 127.0.0.1:5001 is served by several connections")
                    .And.Contain(first).And.Contain(second).And.Not.Contain("secret-"));
        });
    }

    [Test]
    public async Task CredentialHelperVersion_PrintsTheHelperNameAndVersion()
    {
        var (code, stdout, _) = await RunAsync(["credential-helper", "version"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(stdout, Does.Match(@"^docker-credential-planton \(Planton\.Registry\.Sdk\) \d+\.\d+\.\d+"));
        });
    }

    private static void AssertNoSecret(string output, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.That(output, Does.Not.Contain(secret));
        }
    }

    private static string PemBody() =>
        TestKeys.Rsa.ExportPkcs8PrivateKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries)[2];

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args, string? stdin = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr, new StringReader(stdin ?? string.Empty));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteOci() => Write("oci", new
    {
        Name = "oci",
        Provider = "OciRegistry",
        OciRegistry = new { Url = "http://127.0.0.1:5001", Username = "testuser", Password = "testpassword" },
    });

    private string WriteGcp(FakeGoogleTokenServer google) => Write("gcp", new
    {
        Name = "gcp",
        Provider = "GcpArtifactRegistry",
        GcpArtifactRegistry = new
        {
            ProjectId = "planton-test",
            Region = "us-central1",
            RepositoryName = "images",
            ServiceAccountKey = TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri),
            RegistryUrl = "http://127.0.0.1:5999",
        },
    });

    private string Write(string name, object connection)
    {
        var path = Path.Combine(_work, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(connection));
        return path;
    }
}

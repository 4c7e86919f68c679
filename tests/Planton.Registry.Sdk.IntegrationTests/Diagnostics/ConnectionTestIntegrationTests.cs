using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.IntegrationTests.Diagnostics;

/// <summary>
/// <c>planton-registry test</c> against the real loopback registries and a fake one: it must tell apart a wrong host,
/// a wrong password, a missing push permission and a missing repository, each with its exit code.
/// </summary>
[Category("Integration")]
public sealed class ConnectionTestIntegrationTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-test-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [TestCase("PLANTON_REGISTRY_URL", "Basic")]
    [TestCase("PLANTON_REGISTRY_TOKEN_URL", "Bearer")]
    public async Task Test_RightCredentials_ExitsZeroWithEveryCheckPassed(string urlVariable, string scheme)
    {
        var url = LoopbackServers.Require(urlVariable);

        var result = await TestAsync(Connection(url, Password()), "--image", "diagnostics/ok");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = Lines(result);
        Assert.That(lines, Has.Length.EqualTo(8));
        Assert.That(lines[0], Does.StartWith("ok   host       127.0.0.1 is an IP address ("));
        Assert.That(lines[1], Does.StartWith($"ok   host       {new Uri(url).Authority} connected ("));
        Assert.That(lines[2], Is.EqualTo($"skip host       plain http to {new Uri(url).Authority}: no TLS"));
        Assert.That(lines[3], Does.StartWith($"ok   registry   GET /v2/ answered 401 with a {scheme} challenge"));
        Assert.That(lines[4], Does.StartWith("ok   credentials user 'testuser' accepted"));
        Assert.That(lines[5], Does.Contain("opened an upload session in diagnostics/ok; cancelled it"));
        Assert.That(lines[6], Does.StartWith("ok   repository "));
        Assert.That(lines[7], Is.EqualTo($"ok   verdict    it may push to {new Uri(url).Authority}/diagnostics/ok"));
    }

    [Test]
    public async Task Test_AnonymousRegistry_ExitsZero()
    {
        var result = await TestAsync(Connection(LoopbackServers.Require("PLANTON_REGISTRY_ANON_URL"), null));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ok   credentials no credentials configured"));
    }

    [Test]
    public async Task Test_TlsRegistryWithItsCaTrusted_ExitsZero()
    {
        var result = await TestAsync(
            Connection(LoopbackServers.Require("PLANTON_REGISTRY_TLS_URL"), Password()),
            environment: new Dictionary<string, string?>
            {
                ["SSL_CERT_DIR"] = LoopbackServers.Require("PLANTON_TLS_CERT_DIR") + ":/etc/ssl/certs",
            });

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lines(result)[2], Does.StartWith("ok   host       TLS 1."));
        Assert.That(Lines(result)[2], Does.Contain("certificate trusted (CN=localhost"));
    }

    [Test]
    public async Task Test_TlsRegistryWithAnUntrustedCertificate_ExitsOneAtTls()
    {
        var result = await TestAsync(
            Connection(LoopbackServers.Require("PLANTON_REGISTRY_TLS_URL"), Password()),
            environment: new Dictionary<string, string?> { ["SSL_CERT_DIR"] = "/etc/ssl/certs" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Lines(result)[2], Does.StartWith("FAIL host       TLS 1."));
        Assert.That(Lines(result)[^1], Does.StartWith("FAIL verdict    host: The TLS certificate of localhost:5443"));
    }

    [Test]
    public async Task Test_ClosedPort_ExitsOneWithAHostFailure()
    {
        var result = await TestAsync(Connection("http://127.0.0.1:1", Password()));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var lines = Lines(result);
        Assert.That(lines[1], Does.StartWith("FAIL host       127.0.0.1:1 refused or dropped the connection"));
        Assert.That(lines.Skip(2).SkipLast(1), Is.All.Contains("not checked after the failure above"));
        Assert.That(
            lines[^1], Does.StartWith("FAIL verdict    host: Check that 127.0.0.1:1 is the registry's address"));
    }

    [TestCase("PLANTON_REGISTRY_URL")]
    [TestCase("PLANTON_REGISTRY_TOKEN_URL")]
    public async Task Test_WrongPassword_ExitsThreeWithACredentialsFailure(string urlVariable)
    {
        const string wrong = "Wr0ng-Pa55word-Never-Printed";

        var result = await TestAsync(Connection(LoopbackServers.Require(urlVariable), wrong), "--verbose");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Lines(result)[4], Does.StartWith("FAIL credentials "));
        Assert.That(Lines(result)[^1], Does.StartWith("FAIL verdict    credentials: Check Username and Password"));
        Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(wrong));
    }

    [Test]
    public async Task Test_UserWithoutPushPermission_ExitsThreeWithAPermissionFailure()
    {
        using var registry = new FakeRegistryServer(FakeUploadAnswer.Deny);

        var result = await TestAsync(Connection(registry.Url, Password()), "--image", "team/app");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        var lines = Lines(result);
        Assert.That(lines[4], Does.StartWith("ok   credentials user 'testuser' accepted (Basic)"));
        Assert.That(lines[5], Does.StartWith("FAIL permission user 'testuser' may not push to team/app"));
        Assert.That(lines[5], Does.Contain("403 Forbidden, DENIED: requested access to the resource is denied"));
        Assert.That(lines[^1], Does.StartWith("FAIL verdict    permission: "));
        Assert.That(registry.Requests, Does.Contain("POST /v2/team/app/blobs/uploads/"));
    }

    [Test]
    public async Task Test_RegistryWithoutTheRepository_ExitsFourWithARepositoryFailure()
    {
        using var registry = new FakeRegistryServer(FakeUploadAnswer.UnknownRepository);

        var result = await TestAsync(Connection(registry.Url, Password()), "--image", "team/app");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        var lines = Lines(result);
        Assert.That(lines[5], Does.StartWith("skip permission not known"));
        Assert.That(lines[6], Does.StartWith("FAIL repository the registry says team/app does not exist"));
        Assert.That(
            lines[^1], Does.StartWith("FAIL verdict    repository: The registry says 'team/app' does not exist"));
    }

    [Test]
    public async Task Test_InvalidConnection_ExitsTwo()
    {
        var path = Path.Combine(_work, "bad.json");
        File.WriteAllText(path, "{\"Name\":\"bad\",\"Provider\":\"OciRegistry\",\"OciRegistry\":{}}");

        var result = await TestAsync(path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
    }

    [Test]
    public async Task TestAsync_TlsRegistryTrustedByTheNamedClientOnly_PassesTlsWithANote()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlantonRegistries(options => options.Connections["tls"] = new RegistryConnectionOptions
        {
            Name = "tls",
            Provider = RegistryProviderKind.OciRegistry,
            OciRegistry = new OciRegistryOptions
            {
                Url = LoopbackServers.Require("PLANTON_REGISTRY_TLS_URL"),
                Username = LoopbackServers.Require("PLANTON_REGISTRY_USER"),
                Password = new Secret(Password()),
            },
        });
        services.AddHttpClient(OciRegistryClientOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(TrustingTheTestCa);
        await using var provider = services.BuildServiceProvider();
        var connection = provider.GetRequiredService<IRegistryConnections>().Get("tls");

        var report = await provider.GetRequiredService<IConnectionTester>().TestAsync(connection, "diagnostics/tls");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None), report.ToString());
        var tls = report.Steps.Single(s => s.Stage == ConnectionTestStage.Tls);
        Assert.That(tls.Outcome, Is.EqualTo(ConnectionTestOutcome.Passed));
        Assert.That(tls.Detail, Does.Contain("not trusted by the system").And.Contain("HTTP client trusts it"));
    }

    private static SocketsHttpHandler TrustingTheTestCa()
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(LoopbackServers.Require("PLANTON_TLS_CA"));
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { ca },
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return handler;
    }

    private static string Password() => LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD");

    private static string[] Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<ProcessResult> TestAsync(
        string connection, params string[] extra) => TestAsync(connection, null, extra);

    private static Task<ProcessResult> TestAsync(
        string connection, IReadOnlyDictionary<string, string?>? environment, params string[] extra) =>
        ProcessRunner.RunCliAsync(["test", "--connection", connection, .. extra], environment);

    private string Connection(string url, string? password)
    {
        var path = Path.Combine(_work, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Name = "it",
            Provider = "OciRegistry",
            OciRegistry = password is null
                ? (object)new { Url = url }
                : new { Url = url, Username = LoopbackServers.Require("PLANTON_REGISTRY_USER"), Password = password },
        }));
        return path;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Tests.Connections;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>The connection test's checks, in order, against a scripted registry: what each answer means.</summary>
public sealed class ConnectionTesterTests
{
    private const string Base = "https://registry.example.com";
    private static readonly string s_basicRight = "Basic " + ScriptedRegistryHandler.BasicValue("ci-bot", "right");

    private static readonly ConnectionTestStage[] s_allStages =
    [
        ConnectionTestStage.Dns, ConnectionTestStage.Tcp, ConnectionTestStage.Tls, ConnectionTestStage.Registry,
        ConnectionTestStage.Credentials, ConnectionTestStage.Permission, ConnectionTestStage.Repository,
    ];

    [Test]
    public async Task TestAsync_RegistryThatLetsTheUserPush_PassesEveryCheckInOrder()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        var report = await harness.TestAsync(Oci("right"), "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(report.Succeeded, Is.True);
        Assert.That(report.Remedy, Is.Null);
        Assert.That(report.Steps.Select(s => s.Stage), Is.EqualTo(s_allStages));
        Assert.That(report.Steps.Select(s => s.Outcome), Is.All.EqualTo(ConnectionTestOutcome.Passed));
        Assert.That(report.Repository, Is.EqualTo("team/billing-api"));
        Assert.That(report.Registry, Is.EqualTo("registry.example.com"));
        Assert.That(
            report.Verdict(), Is.EqualTo("ok   verdict    oci may push to registry.example.com/team/billing-api"));
    }

    [Test]
    public async Task TestAsync_UploadSessionOpened_IsCancelledAtItsLocationWithoutBytes()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        await harness.TestAsync(Oci("right"), "billing-api");

        var calls = harness.Handler.Calls.Select(c => $"{c.Method} {c.Uri.PathAndQuery}").ToArray();
        Assert.That(calls, Does.Contain("POST /v2/team/billing-api/blobs/uploads/"));
        Assert.That(calls, Does.Contain("DELETE /v2/team/billing-api/blobs/uploads/session-1?_state=opaque"));
        Assert.That(calls, Has.None.StartsWith("PUT").And.None.StartsWith("PATCH"));
    }

    [Test]
    public async Task TestAsync_DefaultImage_UsesTheProbeNameUnderThePrefix()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Repository, Is.EqualTo("team/planton-connection-test"));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Does.Contain("creates it on the first push"));
    }

    [Test]
    public async Task TestAsync_WrongPassword_FailsCredentialsAndSkipsTheRest()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        var report = await harness.TestAsync(Oci("wrong-password"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        var credentials = report.Steps.Single(s => s.Stage == ConnectionTestStage.Credentials);
        Assert.That(credentials.Outcome, Is.EqualTo(ConnectionTestOutcome.Failed));
        Assert.That(credentials.Detail, Does.Contain("user 'ci-bot'").And.Contain("password is wrong"));
        Assert.That(
            report.Steps.Where(s => s.Stage > ConnectionTestStage.Credentials).Select(s => s.Outcome),
            Is.All.EqualTo(ConnectionTestOutcome.Skipped));
        Assert.That(harness.Handler.Calls.Select(c => c.Method), Has.None.EqualTo(HttpMethod.Post));
        Assert.That(report.ToString(), Does.Not.Contain("wrong-password"));
    }

    [Test]
    public async Task TestAsync_NameDoesNotResolve_FailsHostBeforeAnyRequest()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Probe.ResolveError = SocketError.HostNotFound;

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Host));
        Assert.That(report.Steps[0].Outcome, Is.EqualTo(ConnectionTestOutcome.Failed));
        Assert.That(report.Steps[0].Detail, Does.StartWith("registry.example.com does not resolve"));
        Assert.That(report.Remedy, Does.Contain("registry.example.com").And.Contain("Url"));
        Assert.That(harness.Handler.Calls, Is.Empty);
    }

    [Test]
    public async Task TestAsync_PortRefusesConnections_FailsHostAtTcp()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Probe.ConnectError = SocketError.ConnectionRefused;

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Host));
        var tcp = report.Steps.Single(s => s.Stage == ConnectionTestStage.Tcp);
        Assert.That(tcp.Outcome, Is.EqualTo(ConnectionTestOutcome.Failed));
        Assert.That(tcp.Detail, Does.Contain("registry.example.com:443").And.Contain("ConnectionRefused"));
    }

    [Test]
    public async Task TestAsync_CertificateTheSystemDoesNotTrustButTheClientDoes_PassesTlsWithANote()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Probe.CertificateErrors = SslPolicyErrors.RemoteCertificateChainErrors;

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        var tls = report.Steps.Single(s => s.Stage == ConnectionTestStage.Tls);
        Assert.That(tls.Outcome, Is.EqualTo(ConnectionTestOutcome.Passed));
        Assert.That(tls.Detail, Does.Contain("not trusted by the system").And.Contain("HTTP client trusts it"));
    }

    [Test]
    public async Task TestAsync_CertificateNobodyTrusts_FailsHostAtTlsWithTheCaRemedy()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Probe.CertificateErrors = SslPolicyErrors.RemoteCertificateNameMismatch;
        harness.Handler.Override = _ => throw new HttpRequestException(
            HttpRequestError.SecureConnectionError, "The SSL connection could not be established.");

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Host));
        var tls = report.Steps.Single(s => s.Stage == ConnectionTestStage.Tls);
        Assert.That(tls.Outcome, Is.EqualTo(ConnectionTestOutcome.Failed));
        Assert.That(tls.Detail, Does.Contain("issued for another host name"));
        Assert.That(report.Remedy, Does.Contain("CA certificate"));
    }

    [Test]
    public async Task TestAsync_V2NotFound_FailsHostAsNotARegistry()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Handler.Override = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

        var report = await harness.TestAsync(Oci("right"));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Host));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Registry).Detail,
            Does.Contain("does not serve the OCI Distribution API"));
    }

    [Test]
    public async Task TestAsync_UploadDenied_FailsPermission()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Handler.Override = r => r.Method == HttpMethod.Post
            ? ScriptedRegistryHandler.Errors(HttpStatusCode.Forbidden, "DENIED", "requested access is denied")
            : null;

        var report = await harness.TestAsync(Oci("right"), "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        var permission = report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission);
        Assert.That(permission.Detail, Does.Contain("may not push to team/billing-api").And.Contain("DENIED"));
        Assert.That(report.Remedy, Does.Contain("push rights"));
    }

    [Test]
    public async Task TestAsync_UploadToUnknownRepository_FailsRepositoryNotPermission()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Handler.Override = r => r.Method == HttpMethod.Post
            ? ScriptedRegistryHandler.Errors(HttpStatusCode.NotFound, "NAME_UNKNOWN", "repository name not known")
            : null;

        var report = await harness.TestAsync(Oci("right"), "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Repository));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Outcome,
            Is.EqualTo(ConnectionTestOutcome.Skipped));
        var repository = report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository);
        Assert.That(repository.Outcome, Is.EqualTo(ConnectionTestOutcome.Failed));
        Assert.That(repository.Detail, Does.Contain("team/billing-api does not exist"));
        Assert.That(report.Steps.Select(s => s.Stage), Is.EqualTo(s_allStages));
    }

    [Test]
    public async Task TestAsync_TokenWithoutPush_FailsPermissionOnInsufficientScope()
    {
        var harness = BearerHarness();
        harness.Handler.Override = r =>
        {
            if (r.Method != HttpMethod.Post)
            {
                return null;
            }

            var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            refused.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue(
                "Bearer",
                "realm=\"https://registry.example.com/token\",service=\"fake\","
                + "scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\""));
            return refused;
        };

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Detail,
            Does.Contain("insufficient_scope"));
    }

    [Test]
    public async Task TestAsync_TokenServiceGrantsPullOnly_FailsPermissionNotCredentials()
    {
        var harness = BearerHarness();
        harness.Handler.Override = r =>
            r.RequestUri!.AbsolutePath == "/token" && r.RequestUri.Query.Contains("push", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.Forbidden)
                : null;

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Credentials).Outcome,
            Is.EqualTo(ConnectionTestOutcome.Passed));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Detail,
            Does.Contain("grants user 'ci-bot' pull but refused push"));
    }

    [Test]
    public async Task TestAsync_BearerRegistry_FetchesATokenForPullAndPushOfTheRepository()
    {
        var harness = BearerHarness();

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        var token = harness.Handler.Calls.First(c => c.Uri.AbsolutePath == "/token");
        Assert.That(
            Uri.UnescapeDataString(token.Uri.Query),
            Is.EqualTo("?service=fake&scope=repository:team/app:pull,push"));
        Assert.That(
            harness.Handler.Calls.Where(c => c.Method == HttpMethod.Post).Select(c => c.Authorization),
            Is.All.EqualTo("Bearer good-token"));
        Assert.That(report.ToString(), Does.Not.Contain("good-token").And.Not.Contain("right"));
    }

    [Test]
    public async Task TestAsync_RealmOnAnotherHost_FailsCredentialsAndSendsThemNowhere()
    {
        var harness = new ConnectionTestHarness(Base, "Bearer good-token")
        {
            Handler = { TokenRealm = new Uri("https://collector.example.net/token") },
        };

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(harness.Handler.Calls.Select(c => c.Uri.Host), Is.All.EqualTo("registry.example.com"));
        Assert.That(harness.Handler.Calls.Select(c => c.Authorization), Is.All.Null);
    }

    [Test]
    public async Task TestAsync_UploadLocationOnAnotherHost_CancelsItWithoutCredentials()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Handler.Override = r =>
        {
            if (r.Method == HttpMethod.Post && r.Headers.Authorization is not null)
            {
                var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                accepted.Headers.Location = new Uri("https://uploads.example.net/session-9");
                return accepted;
            }

            return r.RequestUri!.Host == "uploads.example.net"
                ? new HttpResponseMessage(HttpStatusCode.NoContent)
                : null;
        };

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        var delete = harness.Handler.Calls.Single(c => c.Method == HttpMethod.Delete);
        Assert.That(delete.Uri.Host, Is.EqualTo("uploads.example.net"));
        Assert.That(delete.Authorization, Is.Null);
    }

    [Test]
    public async Task TestAsync_AnonymousRegistry_PassesWithoutCredentials()
    {
        var harness = new ConnectionTestHarness(Base, string.Empty);
        harness.Handler.Override = r => r.RequestUri!.AbsolutePath == "/v2/"
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : null;
        var connection = new RegistryConnectionOptions
        {
            Name = "open",
            Provider = RegistryProviderKind.OciRegistry,
            OciRegistry = new OciRegistryOptions { Url = Base },
        };

        var report = await harness.TestAsync(ConnectionTestHarness.Provider(connection));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Credentials).Detail,
            Does.Contain("no credentials configured"));
    }

    [Test]
    public async Task TestAsync_EveryCheck_IsTimedWithTheTimeProvider()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);
        harness.Probe.OnProbe = () => harness.Time.Advance(TimeSpan.FromMilliseconds(7));
        harness.Handler.OnSend = () => harness.Time.Advance(TimeSpan.FromMilliseconds(5));

        var report = await harness.TestAsync(Oci("right"), "app");

        Assert.That(
            report.Steps.Select(s => s.Duration.TotalMilliseconds),
            Is.EqualTo(new double[] { 7, 7, 7, 5, 5, 10, 5 }));
        Assert.That(report.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(46)));
        Assert.That(
            report.Steps[0].ToString(),
            Is.EqualTo("ok   host       registry.example.com resolved to 127.0.0.1 (7 ms)"));
    }

    [Test]
    public async Task TestAsync_PlainHttp_SkipsTls()
    {
        var harness = new ConnectionTestHarness("http://127.0.0.1:5001", s_basicRight);
        var connection = new RegistryConnectionOptions
        {
            Name = "local",
            Provider = RegistryProviderKind.OciRegistry,
            OciRegistry = new OciRegistryOptions
            {
                Url = "http://127.0.0.1:5001", Username = "ci-bot", Password = new Secret("right"),
            },
        };

        var report = await harness.TestAsync(ConnectionTestHarness.Provider(connection));

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(report.Steps[0].Detail, Is.EqualTo("127.0.0.1 is an IP address"));
        Assert.That(report.Steps[2].ToString(), Is.EqualTo("skip host       plain http to 127.0.0.1:5001: no TLS"));
    }

    [Test]
    public void TestAsync_NpmConnection_ThrowsConfigurationError()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        Assert.That(
            () => harness.TestAsync(ConnectionTestHarness.Provider(ConnectionSamples.GitHubPackages())),
            Throws.TypeOf<RegistryConfigurationException>().With.Message.Contains("stores no container images"));
    }

    [Test]
    public void TestAsync_InvalidImageName_ThrowsConfigurationErrorBeforeAnyCheck()
    {
        var harness = new ConnectionTestHarness(Base, s_basicRight);

        Assert.That(
            () => harness.TestAsync(Oci("right"), "Bad Image"), Throws.TypeOf<RegistryConfigurationException>());
        Assert.That(harness.Handler.Calls, Is.Empty);
    }

    [Test]
    public void AddPlantonRegistries_Always_RegistersTheConnectionTester()
    {
        var services = new ServiceCollection();
        services.AddPlantonRegistries(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetService<IConnectionTester>(), Is.Not.Null);
    }

    private static ConnectionTestHarness BearerHarness() =>
        new(Base, "Bearer good-token") { Handler = { TokenRealm = new Uri("https://registry.example.com/token") } };

    private static Sdk.Providers.IRegistryProvider Oci(string password) =>
        ConnectionTestHarness.Provider(new RegistryConnectionOptions
        {
            Name = "oci",
            Provider = RegistryProviderKind.OciRegistry,
            OciRegistry = new OciRegistryOptions
            {
                Url = Base,
                Username = "ci-bot",
                Password = new Secret(password),
                Repository = "team",
            },
        });
}

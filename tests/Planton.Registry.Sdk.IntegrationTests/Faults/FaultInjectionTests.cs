using System.Text;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.IntegrationTests.Bundles;
using Planton.Registry.Sdk.IntegrationTests.Distribution;
using Planton.Registry.Sdk.Resilience;

namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>
/// Pushes through a <see cref="FaultProxy"/> in front of the real basic-auth registry (127.0.0.1:5001), and checks
/// every result with skopeo talking to the registry directly. Delays are cut short in the options (Retry-After is
/// capped at 50 ms, backoff starts at 5 ms) so that the run stays within seconds.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class FaultInjectionTests
{
    private const int Pushes = 20;
    private const int Seed = 20260301;

    private static readonly RegistryResilienceOptions s_fastResilience = new()
    {
        MaxRetryAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryAfter = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        MaxUploadResumes = 20,
    };

    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Directory.CreateTempSubdirectory("planton-faults-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task PushAsync_ManyPushesThroughFaults_AllCompleteAndSkopeoSeesEachImage()
    {
        var registryUrl = RegistryTarget.Require("PLANTON_REGISTRY_URL");
        var credential = Credential();
        await using var proxy = new FaultProxy(new Uri(registryUrl), new FaultSchedule(Seed, faultRate: 0.25));
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var http = ResilientClient(loggers);
        var client = OciRegistryClient.Create(
            http, logger: loggers.CreateLogger<OciRegistryClient>(), resilience: s_fastResilience);
        var endpoint = RegistryEndpoint.Create(proxy.BaseUri.AbsoluteUri);
        var layoutDirectory = Path.Combine(_work, "layout");
        var expected = TestLayouts.WriteMultiLayer(layoutDirectory, "v1", 300_000, 120_000, 40_000, 2_000);
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var run = Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < Pushes; i++)
        {
            var repository = $"faults/{run}/image{i}";
            var options = i % 2 == 0
                ? new PushOptions
                {
                    UploadStrategy = UploadStrategy.Chunked, ChunkSize = 64 * 1024, MaxParallelBlobs = 2,
                }
                : new PushOptions { MaxParallelBlobs = 2 };

            var result = await client.PushAsync(endpoint, new StaticCredentialSource(credential), repository, layout,
                "v1", options);

            Assert.That(result.Digest, Is.EqualTo(expected), repository);
            Assert.That(await SkopeoDigestAsync(registryUrl, repository, "v1"), Is.EqualTo(expected), repository);
        }

        var retries = logs.Entries.Count(e => e.Id.Id == 2100);
        var resumed = logs.Entries.Count(e => e.Id.Id == 2018);
        var restarted = logs.Entries.Count(e => e.Id.Id == 2019);
        var confirmed = logs.Entries.Count(e => e.Id.Id == 2017);
        TestContext.Out.WriteLine(
            $"fault proxy, seed {Seed}, {Pushes} pushes of 4 layers + config: "
            + string.Join(", ", proxy.Injected.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))
            + $"; retries={retries}, uploads resumed={resumed}, restarted={restarted}, confirmed by HEAD={confirmed}");
        Assert.Multiple(() =>
        {
            Assert.That(proxy.Count(FaultKind.ServiceUnavailable), Is.Positive);
            Assert.That(proxy.Count(FaultKind.InternalServerError), Is.Positive);
            Assert.That(proxy.Count(FaultKind.TooManyRequests), Is.Positive);
            Assert.That(proxy.Count(FaultKind.Drop), Is.Positive);
            Assert.That(proxy.Count(FaultKind.Delay), Is.Positive);
            Assert.That(resumed + restarted + confirmed, Is.Positive);
            Assert.That(logs.Entries.Where(e => e.Id.Id == 2100).Select(e => e.Level), Is.All.EqualTo(LogLevel.Debug));
            Assert.That(logs.AllText(), Does.Not.Contain(credential.Password.Reveal()));
            Assert.That(logs.AllText(), Does.Not.Contain(BasicValue(credential)));
        });
    }

    [Test]
    public async Task PushAsync_EveryBlobUploadKilled_FailsAndTheTagStillNamesThePreviousImage()
    {
        var registryUrl = RegistryTarget.Require("PLANTON_REGISTRY_URL");
        var credentials = new StaticCredentialSource(Credential());
        await using var proxy = new FaultProxy(new Uri(registryUrl), FaultSchedule.KillBlobUploads());
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace));
        using var http = ResilientClient(loggers);
        var resilience = new RegistryResilienceOptions { MaxUploadResumes = 2, BaseDelay = TimeSpan.Zero };
        var client = OciRegistryClient.Create(http, resilience: resilience);
        var repository = $"faults/{Guid.NewGuid().ToString("N")[..8]}/tag";
        var first = Path.Combine(_work, "v1");
        var second = Path.Combine(_work, "v2");
        var firstDigest = TestLayouts.WriteMultiLayer(first, "app", 50_000, 3_000);
        TestLayouts.WriteMultiLayer(second, "app", 60_000, 4_000);
        var direct = RegistryEndpoint.Create(registryUrl);
        await client.PushAsync(direct, credentials, repository, await OciImageLayout.OpenAsync(first), "app");

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await client.PushAsync(
            RegistryEndpoint.Create(proxy.BaseUri.AbsoluteUri), credentials, repository,
            await OciImageLayout.OpenAsync(second), "app"));

        Assert.That(exception!.Message, Does.Contain("gave up after 2 resumes"));
        Assert.That(proxy.Count(FaultKind.Drop), Is.GreaterThanOrEqualTo(3));
        Assert.That(await SkopeoDigestAsync(registryUrl, repository, "app"), Is.EqualTo(firstDigest));
    }

    private static HttpClient ResilientClient(ILoggerFactory loggers)
    {
        var pipeline = new RegistryResiliencePipeline(
            s_fastResilience, TimeProvider.System, loggers.CreateLogger<RegistryResilienceHandler>());
        var handler = pipeline.CreateHandler();
        handler.InnerHandler = OciRegistryClient.CreatePrimaryHandler();
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static RegistryCredential Credential() =>
        new(
            RegistryTarget.Require("PLANTON_REGISTRY_USER"),
            new Secret(RegistryTarget.Require("PLANTON_REGISTRY_PASSWORD")));

    private static string BasicValue(RegistryCredential credential) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password.Reveal()}"));

    /// <summary>The SHA-256 of the manifest skopeo reads straight from the registry, not through the proxy.</summary>
    private static async Task<string> SkopeoDigestAsync(string registryUrl, string repository, string tag)
    {
        var credential = Credential();
        var host = new Uri(registryUrl).Authority;
        var raw = await ExternalTools.RunCheckedAsync(
            "skopeo", "inspect", "--raw", "--tls-verify=false", "--creds",
            $"{credential.Username}:{credential.Password.Reveal()}", $"docker://{host}/{repository}:{tag}");
        return TestLayouts.Sha256(Encoding.UTF8.GetBytes(raw.StandardOutput));
    }
}

using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>
/// Push and pull against the in-memory registry with an <see cref="ActivityListener"/> and a
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> attached: the spans, their parents and tags, and the
/// measurements, with no secret anywhere.
/// </summary>
public sealed class DistributionTelemetryTests
{
    private const string User = "telemetry-user";
    private const string Password = "Tele-S3cret-pa55word-never-tagged";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;
    private string _repository = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Directory.CreateTempSubdirectory("planton-telemetry-").FullName;
        _repository = "telemetry/app-" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task PushAsync_UploadsAndSkips_SpansAndMeasurementsCarryTheirTags()
    {
        var registry = new FakeRegistry { BasicUser = User, BasicPassword = Password };
        var image = TestImage.Create(300_000, 1_000);
        registry.AddBlob(image.Layers[1]);
        var layout = await WriteLayoutAsync(image);
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        using var recorder = new TelemetryRecorder();

        await client.PushAsync(s_endpoint, Credentials(), _repository, layout, "v1");

        var push = recorder.SpansOf("planton.registry.push", _repository).Single();
        Assert.Multiple(() =>
        {
            Assert.That(push.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(push.GetTagItem("server.address"), Is.EqualTo("registry.test"));
            Assert.That(push.GetTagItem("planton.registry.reference"), Is.EqualTo("v1"));
            Assert.That(push.GetTagItem("planton.registry.digest"), Is.EqualTo(image.Digest));
            Assert.That(push.GetTagItem("planton.registry.outcome"), Is.EqualTo("success"));
            Assert.That(push.GetTagItem("planton.registry.blobs.uploaded"), Is.EqualTo(2));
            Assert.That(push.GetTagItem("planton.registry.blobs.skipped"), Is.EqualTo(1));
            Assert.That(push.GetTagItem("planton.registry.blobs.mounted"), Is.Zero);
            Assert.That(push.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(
                push.Source.Version, Is.EqualTo(typeof(RegistryEndpoint).Assembly.GetName().Version!.ToString()));
        });

        var blobs = recorder.SpansOf("planton.registry.blob.upload", _repository);
        Assert.That(blobs, Has.Count.EqualTo(3));
        Assert.That(blobs.Select(b => b.ParentSpanId), Has.All.EqualTo(push.SpanId));
        var layer = blobs.Single(b => (string?)b.GetTagItem("planton.registry.digest") == Sha(image.Layers[0]));
        var skipped = blobs.Single(b => (string?)b.GetTagItem("planton.registry.digest") == Sha(image.Layers[1]));
        Assert.Multiple(() =>
        {
            Assert.That(layer.GetTagItem("planton.registry.media_type"), Is.EqualTo(TestImage.LayerMediaType));
            Assert.That(layer.GetTagItem("planton.registry.size"), Is.EqualTo(300_000L));
            Assert.That(layer.GetTagItem("planton.registry.blob.state"), Is.EqualTo("uploaded"));
            Assert.That(layer.GetTagItem("server.address"), Is.EqualTo("registry.test"));
            Assert.That(skipped.GetTagItem("planton.registry.blob.state"), Is.EqualTo("skipped"));
        });

        var uploadedBytes = image.Config.Length + image.Layers[0].Length;
        var bytes = recorder.MeasurementsOf("planton.registry.bytes.uploaded")
            .Where(m => m.Tags["server.address"] == "registry.test")
            .ToList();
        Assert.That(bytes.Sum(m => m.Value), Is.EqualTo(uploadedBytes));
        Assert.That(bytes.Select(m => m.Unit), Has.All.EqualTo("By"));
        var states = recorder.MeasurementsOf("planton.registry.blobs")
            .Where(m => m.Tags["planton.registry.operation"] == "push")
            .GroupBy(m => m.Tags["planton.registry.blob.state"])
            .ToDictionary(g => g.Key!, g => g.Sum(m => m.Value));
        Assert.That(states, Is.EqualTo(new Dictionary<string, double> { ["uploaded"] = 2, ["skipped"] = 1 }));
        var duration = recorder.MeasurementsOf("planton.registry.push.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(duration.Unit, Is.EqualTo("s"));
            Assert.That(duration.Tags["planton.registry.outcome"], Is.EqualTo("success"));
            Assert.That(duration.Tags["server.address"], Is.EqualTo("registry.test"));
        });
        AssertNoSecret(recorder);
    }

    [Test]
    public async Task PullAsync_ThenAgain_DownloadSpansThenSkippedBlobs()
    {
        var registry = new FakeRegistry { BasicUser = User, BasicPassword = Password };
        var image = TestImage.Create(200_000, 3_000);
        image.SeedInto(registry, _repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        var target = Path.Combine(_work, "pulled");
        using var recorder = new TelemetryRecorder();

        await client.PullAsync(s_endpoint, Credentials(), _repository, "v1", target);
        await client.PullAsync(s_endpoint, Credentials(), _repository, "v1", target);

        var pulls = recorder.SpansOf("planton.registry.pull", _repository);
        Assert.That(pulls, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(pulls.Select(p => p.GetTagItem("planton.registry.outcome")), Has.All.EqualTo("success"));
            Assert.That(pulls.Select(p => p.GetTagItem("planton.registry.digest")), Has.All.EqualTo(image.Digest));
            Assert.That(pulls[0].GetTagItem("planton.registry.blobs.downloaded"), Is.EqualTo(3));
            Assert.That(pulls[1].GetTagItem("planton.registry.blobs.skipped"), Is.EqualTo(3));
        });
        var downloads = recorder.SpansOf("planton.registry.blob.download", _repository);
        Assert.That(downloads, Has.Count.EqualTo(6));
        Assert.That(StatesUnder(downloads, pulls[0]), Is.EqualTo(new[] { "downloaded", "downloaded", "downloaded" }));
        Assert.That(StatesUnder(downloads, pulls[1]), Is.EqualTo(new[] { "skipped", "skipped", "skipped" }));
        var bytes = recorder.MeasurementsOf("planton.registry.bytes.downloaded").Sum(m => m.Value);
        Assert.That(bytes, Is.EqualTo(image.Blobs.Sum(b => b.Length)));
        var states = recorder.MeasurementsOf("planton.registry.blobs")
            .Where(m => m.Tags["planton.registry.operation"] == "pull")
            .GroupBy(m => m.Tags["planton.registry.blob.state"])
            .ToDictionary(g => g.Key!, g => g.Sum(m => m.Value));
        Assert.That(states, Is.EqualTo(new Dictionary<string, double> { ["downloaded"] = 3, ["skipped"] = 3 }));
        Assert.That(recorder.MeasurementsOf("planton.registry.pull.duration"), Has.Count.EqualTo(2));
        AssertNoSecret(recorder);
    }

    [Test]
    public async Task PushAsync_Denied_SpanAndDurationSayFailureWithTheExceptionType()
    {
        var registry = new FakeRegistry { Deny = true };
        var layout = await WriteLayoutAsync(TestImage.Create(100));
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        using var recorder = new TelemetryRecorder();

        var thrown = Assert.CatchAsync<RegistryException>(
            async () => await client.PushAsync(s_endpoint, Credentials(), _repository, layout, "v1"));

        var push = recorder.SpansOf("planton.registry.push", _repository).Single();
        var duration = recorder.MeasurementsOf("planton.registry.push.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(push.GetTagItem("planton.registry.outcome"), Is.EqualTo("failure"));
            Assert.That(push.GetTagItem("error.type"), Is.EqualTo(thrown!.GetType().FullName));
            Assert.That(push.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(push.StatusDescription, Is.EqualTo("failure"));
            Assert.That(duration.Tags["planton.registry.outcome"], Is.EqualTo("failure"));
            Assert.That(duration.Tags["error.type"], Is.EqualTo(thrown.GetType().FullName));
        });
        AssertNoSecret(recorder);
    }

    [Test]
    public async Task PushAsync_NoListener_PushesAsBefore()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(1_000);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, _repository, await WriteLayoutAsync(image), "v1");

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
    }

    private static StaticCredentialSource Credentials() => new(new RegistryCredential(User, new Secret(Password)));

    private static IEnumerable<object?> StatesUnder(IEnumerable<Activity> spans, Activity parent) =>
        spans.Where(s => s.ParentSpanId == parent.SpanId).Select(s => s.GetTagItem("planton.registry.blob.state"));

    private static string Sha(byte[] content) => FakeRegistry.Sha256(content);

    private static void AssertNoSecret(TelemetryRecorder recorder)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
        var values = recorder.AllTagValues().ToList();
        Assert.That(values, Is.Not.Empty);
        Assert.That(
            values.Where(v => v.Contains(Password, StringComparison.Ordinal)
                || v.Contains(basic, StringComparison.Ordinal)
                || v.Contains('?', StringComparison.Ordinal)),
            Is.Empty);
    }

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }
}

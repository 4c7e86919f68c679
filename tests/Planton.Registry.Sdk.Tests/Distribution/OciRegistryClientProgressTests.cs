using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;
using Planton.Registry.Sdk.Tests.Telemetry;

namespace Planton.Registry.Sdk.Tests.Distribution;

/// <summary>
/// <see cref="PushOptions.Progress"/> and <see cref="PullOptions.Progress"/> against the in-memory registry: every
/// blob reports its states in order, with its size and the operation's counts, from parallel blobs.
/// </summary>
public sealed class OciRegistryClientProgressTests
{
    private const string Repository = "team/progress";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Directory.CreateTempSubdirectory("planton-progress-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task PushAsync_UploadsAndSkips_EachBlobStartsAndCompletesOrIsSkipped()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(700_000, 300_000, 100);
        registry.AddBlob(image.Layers[2]);
        var progress = new RecordingProgress();
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { Progress = progress, MaxParallelBlobs = 4 });

        foreach (var blob in new[] { image.Config, image.Layers[0], image.Layers[1] })
        {
            var reports = progress.Of(FakeRegistry.Sha256(blob));
            Assert.That(
                reports.Select(r => (r.State, r.BytesTransferred)),
                Is.EqualTo(new[] { (BlobTransferState.Started, 0L), (BlobTransferState.Completed, blob.Length) }));
            Assert.That(reports.Select(r => r.TotalBytes), Has.All.EqualTo(blob.Length));
            Assert.That(reports.Select(r => r.Direction), Has.All.EqualTo(TransferDirection.Upload));
        }

        var skipped = progress.Of(FakeRegistry.Sha256(image.Layers[2])).Single();
        Assert.Multiple(() =>
        {
            Assert.That(skipped.State, Is.EqualTo(BlobTransferState.Skipped));
            Assert.That(skipped.MediaType, Is.EqualTo(TestImage.LayerMediaType));
            Assert.That(progress.Reports.Select(r => r.TotalBlobs), Has.All.EqualTo(4));
            Assert.That(
                progress.Reports.Where(r => r.State is BlobTransferState.Completed or BlobTransferState.Skipped)
                    .Select(r => r.FinishedBlobs)
                    .Order(),
                Is.EqualTo(new[] { 1, 2, 3, 4 }));
        });
    }

    [Test]
    public async Task PushAsync_ChunkedWithTimePassing_ReportsBytesAtMostEveryQuarterMebibyte()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2 * 1024 * 1024);
        var time = new FakeTimeProvider();
        var progress = new AdvancingProgress(time, TimeSpan.FromSeconds(1));
        var client = OciRegistryClient.Create(new HttpClient(registry), time);

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { Progress = progress, UploadStrategy = UploadStrategy.Chunked, ChunkSize = 64 * 1024 });

        var layer = progress.Of(FakeRegistry.Sha256(image.Layers[0]));
        var moving = layer.Where(r => r.State == BlobTransferState.Transferring)
            .Select(r => r.BytesTransferred)
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(layer[0].State, Is.EqualTo(BlobTransferState.Started));
            Assert.That(layer[^1].State, Is.EqualTo(BlobTransferState.Completed));
            Assert.That(moving, Is.Not.Empty.And.Ordered);
            Assert.That(
                moving.Prepend(0L).Zip(moving, (before, after) => after - before),
                Has.All.GreaterThanOrEqualTo(BlobTransfer.ReportBytes));
            Assert.That(moving, Has.All.LessThanOrEqualTo(image.Layers[0].Length));
        });
    }

    [Test]
    public async Task PushAsync_SecondRepository_ReportsMounted()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true };
        var image = TestImage.Create(1_000);
        var layout = await WriteLayoutAsync(image);
        var client = OciRegistryClient.Create(
            new HttpClient(registry),
            new FakeTimeProvider(),
            new OciRegistryClientOptions { BlobLocationCachePath = Path.Combine(_work, "locations.json") });
        await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1");
        var progress = new RecordingProgress();

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, "team/other", layout, "v1",
            new PushOptions { Progress = progress });

        Assert.That(progress.Reports.Select(r => r.State), Is.EqualTo(new[]
        {
            BlobTransferState.Mounted, BlobTransferState.Mounted,
        }));
    }

    [Test]
    public async Task PushAsync_UploadRefused_BlobReportsStartedThenFailed()
    {
        var registry = new FakeRegistry { RejectMonolithicUploads = true };
        var image = TestImage.Create(1_000);
        var layout = await WriteLayoutAsync(image);
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        var progress = new RecordingProgress();

        Assert.That(
            async () => await client.PushAsync(
                s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1",
                new PushOptions
                {
                    Progress = progress, MaxParallelBlobs = 1, UploadStrategy = UploadStrategy.Monolithic,
                }),
            Throws.InstanceOf<RegistryRequestFailedException>());

        var first = progress.Reports[0].Digest;
        Assert.That(
            progress.Of(first).Select(r => r.State),
            Is.EqualTo(new[] { BlobTransferState.Started, BlobTransferState.Failed }));
        Assert.That(progress.Reports.Select(r => r.State), Has.None.EqualTo(BlobTransferState.Completed));
    }

    [Test]
    public void PullAsync_TamperedBlob_ReportsFailed()
    {
        var registry = new FakeRegistry { TamperBlobs = true };
        var image = TestImage.Create(5_000);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        var progress = new RecordingProgress();

        Assert.That(
            async () => await client.PullAsync(
                s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", Path.Combine(_work, "pulled"),
                new PullOptions { Progress = progress, MaxParallelBlobs = 1 }),
            Throws.InstanceOf<RegistryRequestFailedException>());

        var layer = progress.Of(FakeRegistry.Sha256(image.Layers[0]));
        Assert.That(layer[^1].State, Is.EqualTo(BlobTransferState.Failed));
    }

    [Test]
    public async Task PullAsync_ThenAgain_DownloadsWithProgressThenSkips()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(500_000, 10);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), new FakeTimeProvider());
        var target = Path.Combine(_work, "pulled");
        var first = new RecordingProgress();
        var second = new RecordingProgress();

        await client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", target,
            new PullOptions { Progress = first });
        await client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", target,
            new PullOptions { Progress = second });

        foreach (var blob in image.Blobs)
        {
            var digest = FakeRegistry.Sha256(blob);
            Assert.That(
                first.Of(digest).Select(r => (r.State, r.BytesTransferred)),
                Is.EqualTo(new[] { (BlobTransferState.Started, 0L), (BlobTransferState.Completed, blob.Length) }));
            Assert.That(second.Of(digest).Select(r => r.State), Is.EqualTo(new[] { BlobTransferState.Skipped }));
        }

        Assert.That(first.Reports.Select(r => r.Direction), Has.All.EqualTo(TransferDirection.Download));
        Assert.That(first.Reports.Select(r => r.TotalBlobs), Has.All.EqualTo(3));
    }

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }

    /// <summary>Records, and lets a second pass at each report, so that only the byte threshold holds back.</summary>
    private sealed class AdvancingProgress : IProgress<TransferProgress>
    {
        private readonly FakeTimeProvider _time;
        private readonly TimeSpan _step;
        private readonly RecordingProgress _inner = new();

        public AdvancingProgress(FakeTimeProvider time, TimeSpan step)
        {
            _time = time;
            _step = step;
        }

        public IReadOnlyList<TransferProgress> Of(string digest) => _inner.Of(digest);

        public void Report(TransferProgress value)
        {
            _inner.Report(value);
            _time.Advance(_step);
        }
    }
}

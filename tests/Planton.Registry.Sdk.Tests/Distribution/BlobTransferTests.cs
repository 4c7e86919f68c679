using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Telemetry;

namespace Planton.Registry.Sdk.Tests.Distribution;

/// <summary>The folding of byte reports: at most one per 256 KiB and per 100 ms, on the given clock.</summary>
public sealed class BlobTransferTests
{
    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create("https://registry.test");
    private static readonly OciDescriptor s_blob =
        new("application/octet-stream", "sha256:" + new string('a', 64), 1 << 20);

    [Test]
    public async Task OnBytes_ManySmallWrites_ReportsOnlyPastBothThresholds()
    {
        await Task.Yield();
        var time = new FakeTimeProvider();
        var progress = new RecordingProgress();
        using var operation = Start(time, progress);
        var transfer = BlobTransfer.Begin(operation, s_blob);

        transfer.OnBytes(0, 0);
        transfer.OnBytes(300 * 1024, 300 * 1024);
        time.Advance(TimeSpan.FromMilliseconds(99));
        transfer.OnBytes(310 * 1024, 10 * 1024);
        time.Advance(TimeSpan.FromMilliseconds(1));
        transfer.OnBytes(320 * 1024, 10 * 1024);
        time.Advance(TimeSpan.FromSeconds(5));
        transfer.OnBytes(500 * 1024, 180 * 1024);
        transfer.OnBytes(600 * 1024, 100 * 1024);
        transfer.Finish(BlobTransferState.Completed);
        transfer.OnBytes(700 * 1024, 100 * 1024);
        transfer.Finish(BlobTransferState.Completed);

        Assert.That(
            progress.Reports.Select(r => (r.State, r.BytesTransferred / 1024, r.FinishedBlobs)),
            Is.EqualTo(new[]
            {
                (BlobTransferState.Started, 0L, 0),
                (BlobTransferState.Transferring, 320L, 0),
                (BlobTransferState.Transferring, 600L, 0),
                (BlobTransferState.Completed, 1024L, 1),
            }));
        Assert.That(BlobTransfer.Current, Is.SameAs(transfer));
    }

    [Test]
    public async Task OnBytes_UploadStartsOver_ReportsTheLowerPosition()
    {
        await Task.Yield();
        var time = new FakeTimeProvider();
        var progress = new RecordingProgress();
        using var operation = Start(time, progress);
        var transfer = BlobTransfer.Begin(operation, s_blob);

        transfer.OnBytes(0, 0);
        time.Advance(TimeSpan.FromSeconds(1));
        transfer.OnBytes(512 * 1024, 512 * 1024);
        time.Advance(TimeSpan.FromSeconds(1));
        transfer.OnBytes(0, 0);
        transfer.Fail(new IOException("broken"));

        Assert.That(
            progress.Reports.Select(r => (r.State, r.BytesTransferred / 1024)),
            Is.EqualTo(new[]
            {
                (BlobTransferState.Started, 0L),
                (BlobTransferState.Transferring, 512L),
                (BlobTransferState.Transferring, 0L),
                (BlobTransferState.Failed, 0L),
            }));
    }

    [Test]
    public async Task Finish_CompletedWithoutBytes_ReportsStartedFirst()
    {
        await Task.Yield();
        var progress = new RecordingProgress();
        using var operation = Start(new FakeTimeProvider(), progress);
        operation.Planned(2);

        BlobTransfer.Begin(operation, s_blob).Finish(BlobTransferState.Completed);
        BlobTransfer.Begin(operation, s_blob with { Digest = "sha256:" + new string('b', 64) })
            .Finish(BlobTransferState.Skipped);

        Assert.That(
            progress.Reports.Select(r => (r.State, r.BytesTransferred, r.TotalBlobs, r.FinishedBlobs)),
            Is.EqualTo(new[]
            {
                (BlobTransferState.Started, 0L, 2, 0),
                (BlobTransferState.Completed, 1L << 20, 2, 1),
                (BlobTransferState.Skipped, 0L, 2, 2),
            }));
    }

    [Test]
    public async Task Current_OutsideTheMethodThatBegan_IsNull()
    {
        using var operation = Start(new FakeTimeProvider(), null);

        await BeginAsync(operation);

        Assert.That(BlobTransfer.Current, Is.Null);
    }

    private static async Task BeginAsync(TransferOperation operation)
    {
        BlobTransfer.Begin(operation, s_blob);
        await Task.Yield();
        Assert.That(BlobTransfer.Current, Is.Not.Null);
    }

    private static TransferOperation Start(TimeProvider time, IProgress<TransferProgress>? progress) =>
        TransferOperation.StartPush(time, s_endpoint, "team/app", "v1", new PushOptions { Progress = progress });
}

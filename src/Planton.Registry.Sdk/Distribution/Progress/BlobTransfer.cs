using System.Diagnostics;
using Planton.Registry.Sdk.Telemetry;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// One blob of a push or pull as progress and telemetry see it: its span (<c>planton.registry.blob.upload</c> or
/// <c>planton.registry.blob.download</c>), its byte count and its <see cref="TransferProgress"/> reports.
/// <para>
/// <see cref="Begin"/> makes it the <see cref="Current"/> transfer of the calling async flow, so that the code that
/// moves the bytes (the upload body, the layout writer) reports them through <see cref="OnBytes"/> without being
/// handed anything; the current transfer ends with the async method that began it. Byte reports are folded: progress
/// is told, and the byte counter added to, at most once per <see cref="ReportBytes"/> and per
/// <see cref="ReportInterval"/>, and once more when the blob finishes.
/// </para>
/// </summary>
internal sealed class BlobTransfer
{
    /// <summary>The fewest bytes between two <see cref="BlobTransferState.Transferring"/> reports: 256 KiB.</summary>
    public const long ReportBytes = 256 * 1024;

    /// <summary>The shortest time between two <see cref="BlobTransferState.Transferring"/> reports: 100 ms.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

    private static readonly AsyncLocal<BlobTransfer?> s_current = new();

    private readonly TransferOperation _operation;
    private readonly OciDescriptor _blob;
    private readonly Activity? _activity;
    private readonly Lock _gate = new();
    private long _position;
    private long _reportedPosition;
    private long _reportedAt;
    private long _uncounted;
    private bool _started;
    private bool _finished;

    private BlobTransfer(TransferOperation operation, OciDescriptor blob)
    {
        _operation = operation;
        _blob = blob;
        var name = operation.Direction == TransferDirection.Upload
            ? TelemetryNames.BlobUploadSpan
            : TelemetryNames.BlobDownloadSpan;
        _activity = RegistryTelemetry.Source.StartActivity(name, ActivityKind.Client);
        if (_activity is not null)
        {
            _activity.SetTag(TelemetryTags.ServerAddress, operation.Host);
            _activity.SetTag(TelemetryTags.Repository, operation.Repository);
            _activity.SetTag(TelemetryTags.Digest, blob.Digest);
            _activity.SetTag(TelemetryTags.MediaType, blob.MediaType);
            _activity.SetTag(TelemetryTags.Size, blob.Size);
            _activity.SetTag(TelemetryTags.Provider, operation.Provider);
        }
    }

    /// <summary>The transfer of the calling async flow, or null outside one.</summary>
    public static BlobTransfer? Current => s_current.Value;

    /// <summary>
    /// Starts the telemetry of <paramref name="blob"/> and makes it <see cref="Current"/> for the calling async
    /// method and what it awaits. Call it from the async method that moves the blob.
    /// </summary>
    public static BlobTransfer Begin(TransferOperation operation, OciDescriptor blob)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(blob);
        var transfer = new BlobTransfer(operation, blob);
        s_current.Value = transfer;
        return transfer;
    }

    /// <summary>
    /// Bytes moved: the other side now has the blob up to <paramref name="position"/>, after
    /// <paramref name="count"/> bytes went over the wire (0 when a request starts at <paramref name="position"/>).
    /// The first call reports <see cref="BlobTransferState.Started"/>.
    /// </summary>
    public void OnBytes(long position, long count)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _uncounted += count;
            _position = Math.Clamp(position, 0, _blob.Size);
            if (!_started)
            {
                _started = true;
                MarkReported();
                Report(BlobTransferState.Started, 0);
                return;
            }

            if (Math.Abs(_position - _reportedPosition) < ReportBytes
                || _operation.TimeProvider.GetElapsedTime(_reportedAt) < ReportInterval)
            {
                return;
            }

            MarkReported();
            FlushBytes();
            Report(BlobTransferState.Transferring, 0);
        }
    }

    /// <summary>
    /// The blob is done: <see cref="BlobTransferState.Completed"/> (all bytes moved),
    /// <see cref="BlobTransferState.Skipped"/> or <see cref="BlobTransferState.Mounted"/>.
    /// </summary>
    public void Finish(BlobTransferState state)
    {
        if (!End(state))
        {
            return;
        }

        var tag = state switch
        {
            BlobTransferState.Skipped => TelemetryTags.Skipped,
            BlobTransferState.Mounted => TelemetryTags.Mounted,
            _ when _operation.Direction == TransferDirection.Upload => TelemetryTags.Uploaded,
            _ => TelemetryTags.Downloaded,
        };
        CountBlob(tag);
        if (_activity is not null)
        {
            _activity.SetTag(TelemetryTags.BlobState, tag);
            _activity.SetTag(TelemetryTags.Outcome, TelemetryTags.Success);
            _activity.Dispose();
        }
    }

    /// <summary>The blob failed with <paramref name="exception"/>.</summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!End(BlobTransferState.Failed))
        {
            return;
        }

        CountBlob(TelemetryTags.Failed);
        if (_activity is not null)
        {
            _activity.SetTag(TelemetryTags.BlobState, TelemetryTags.Failed);
            RegistryTelemetry.SetFailure(_activity, exception);
            _activity.Dispose();
        }
    }

    /// <summary>Reports the final state once; false when the blob had already ended.</summary>
    private bool End(BlobTransferState state)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return false;
            }

            _finished = true;
            if (state == BlobTransferState.Completed)
            {
                if (!_started)
                {
                    _started = true;
                    Report(BlobTransferState.Started, 0);
                }

                _position = _blob.Size;
            }

            FlushBytes();
            var finished = _operation.BlobFinished(state);
            Report(state, finished);
            return true;
        }
    }

    private void MarkReported()
    {
        _reportedPosition = _position;
        _reportedAt = _operation.TimeProvider.GetTimestamp();
    }

    /// <summary>Adds the bytes moved since the last flush to the byte counter.</summary>
    private void FlushBytes()
    {
        if (_uncounted == 0)
        {
            return;
        }

        var counter = _operation.Direction == TransferDirection.Upload
            ? RegistryTelemetry.BytesUploaded
            : RegistryTelemetry.BytesDownloaded;
        if (counter.Enabled)
        {
            counter.Add(_uncounted, _operation.MetricTags());
        }

        _uncounted = 0;
    }

    private void CountBlob(string state)
    {
        if (!RegistryTelemetry.Blobs.Enabled)
        {
            return;
        }

        var tags = _operation.MetricTags();
        tags.Add(TelemetryTags.Operation, _operation.Direction == TransferDirection.Upload
            ? TelemetryTags.Push
            : TelemetryTags.Pull);
        tags.Add(TelemetryTags.BlobState, state);
        RegistryTelemetry.Blobs.Add(1, tags);
    }

    /// <summary>
    /// Tells the caller's progress sink; <paramref name="finished"/> 0 means "read the current count".
    /// </summary>
    private void Report(BlobTransferState state, int finished)
    {
        if (_operation.Progress is not { } progress)
        {
            return;
        }

        var bytes = state is BlobTransferState.Skipped or BlobTransferState.Mounted ? 0 : _position;
        progress.Report(new TransferProgress(
            _operation.Direction,
            _blob.Digest,
            _blob.MediaType,
            _blob.Size,
            bytes,
            state,
            _operation.TotalBlobs,
            finished > 0 ? finished : _operation.FinishedBlobs));
    }
}

using System.Diagnostics;
using Planton.Registry.Sdk.Telemetry;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// One push or pull as progress and telemetry see it: its span (<c>planton.registry.push</c> or
/// <c>planton.registry.pull</c>), its duration, the caller's <see cref="IProgress{T}"/> and the blob counts. Started
/// where the operation starts, told its outcome by <see cref="Succeeded"/> or <see cref="Failed"/>, and disposed where
/// it ends. Thread-safe: its blobs finish in parallel.
/// </summary>
internal sealed class TransferOperation : IDisposable
{
    private readonly long _started;
    private readonly Activity? _activity;
    private readonly string? _provider;
    private int _totalBlobs;
    private int _finishedBlobs;
    private int _moved;
    private int _skipped;
    private int _mounted;
    private string? _digest;
    private Exception? _failure;
    private bool _disposed;

    private TransferOperation(
        TransferDirection direction,
        TimeProvider timeProvider,
        RegistryEndpoint endpoint,
        string repository,
        string reference,
        string? provider,
        IProgress<TransferProgress>? progress)
    {
        Direction = direction;
        TimeProvider = timeProvider;
        Host = endpoint.Host;
        Repository = repository;
        Progress = progress;
        _provider = provider;
        _started = timeProvider.GetTimestamp();
        var name = direction == TransferDirection.Upload ? TelemetryNames.PushSpan : TelemetryNames.PullSpan;
        _activity = RegistryTelemetry.Source.StartActivity(name, ActivityKind.Client);
        if (_activity is not null)
        {
            _activity.SetTag(TelemetryTags.ServerAddress, Host);
            _activity.SetTag(TelemetryTags.Repository, repository);
            _activity.SetTag(TelemetryTags.Reference, reference);
            _activity.SetTag(TelemetryTags.Provider, provider);
        }
    }

    public TransferDirection Direction { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The registry host with its port, as the endpoint writes it.</summary>
    public string Host { get; }

    public string Repository { get; }

    /// <summary>The connection's provider kind, or null when the client was called without a provider.</summary>
    public string? Provider => _provider;

    /// <summary>The caller's progress sink, or null.</summary>
    public IProgress<TransferProgress>? Progress { get; }

    public int TotalBlobs => Volatile.Read(ref _totalBlobs);

    public int FinishedBlobs => Volatile.Read(ref _finishedBlobs);

    /// <summary>Starts the telemetry of a push of <paramref name="tag"/>.</summary>
    public static TransferOperation StartPush(
        TimeProvider timeProvider, RegistryEndpoint endpoint, string repository, string tag, PushOptions options) =>
        new(TransferDirection.Upload, timeProvider, endpoint, repository, tag, options.ProviderKind, options.Progress);

    /// <summary>Starts the telemetry of a pull of <paramref name="tagOrDigest"/>.</summary>
    public static TransferOperation StartPull(
        TimeProvider timeProvider,
        RegistryEndpoint endpoint,
        string repository,
        string tagOrDigest,
        PullOptions options) =>
        new(
            TransferDirection.Download,
            timeProvider,
            endpoint,
            repository,
            tagOrDigest,
            options.ProviderKind,
            options.Progress);

    /// <summary>Says how many blobs the operation deals with, once it knows.</summary>
    public void Planned(int blobCount) => Volatile.Write(ref _totalBlobs, blobCount);

    /// <summary>The operation succeeded, ending at the manifest <paramref name="digest"/>.</summary>
    public void Succeeded(string digest) => _digest = digest;

    /// <summary>
    /// Records the exception that fails the operation. Always false, so that it can sit in an exception filter and
    /// see every exception without catching any.
    /// </summary>
    public bool Failed(Exception exception)
    {
        _failure ??= exception;
        return false;
    }

    /// <summary>A blob reached a final state; returns how many are done now.</summary>
    public int BlobFinished(BlobTransferState state)
    {
        switch (state)
        {
            case BlobTransferState.Completed:
                Interlocked.Increment(ref _moved);
                break;
            case BlobTransferState.Skipped:
                Interlocked.Increment(ref _skipped);
                break;
            case BlobTransferState.Mounted:
                Interlocked.Increment(ref _mounted);
                break;
        }

        return Interlocked.Increment(ref _finishedBlobs);
    }

    /// <summary>The tags every measurement of this operation carries: host and, when known, provider.</summary>
    public TagList MetricTags()
    {
        var tags = new TagList { { TelemetryTags.ServerAddress, Host } };
        if (_provider is not null)
        {
            tags.Add(TelemetryTags.Provider, _provider);
        }

        return tags;
    }

    /// <summary>Ends the span and records the duration, with the outcome told (failure when none was).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var outcome = _failure is not null ? RegistryTelemetry.OutcomeOf(_failure)
            : _digest is not null ? TelemetryTags.Success
            : TelemetryTags.Failure;
        var histogram = Direction == TransferDirection.Upload
            ? RegistryTelemetry.PushDuration
            : RegistryTelemetry.PullDuration;
        if (histogram.Enabled)
        {
            var tags = MetricTags();
            tags.Add(TelemetryTags.Outcome, outcome);
            if (_failure is not null)
            {
                tags.Add(TelemetryTags.ErrorType, RegistryTelemetry.ErrorType(_failure));
            }

            histogram.Record(TimeProvider.GetElapsedTime(_started).TotalSeconds, tags);
        }

        if (_activity is null)
        {
            return;
        }

        var moved = Direction == TransferDirection.Upload ? TelemetryTags.BlobsUploaded : TelemetryTags.BlobsDownloaded;
        _activity.SetTag(moved, Volatile.Read(ref _moved));
        _activity.SetTag(TelemetryTags.BlobsSkipped, Volatile.Read(ref _skipped));
        if (Direction == TransferDirection.Upload)
        {
            _activity.SetTag(TelemetryTags.BlobsMounted, Volatile.Read(ref _mounted));
        }

        if (_failure is not null)
        {
            RegistryTelemetry.SetFailure(_activity, _failure);
        }
        else
        {
            _activity.SetTag(TelemetryTags.Digest, _digest);
            _activity.SetTag(TelemetryTags.Outcome, outcome);
            if (_digest is null)
            {
                _activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }

        _activity.Dispose();
    }
}

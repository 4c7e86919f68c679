using System.Collections.Concurrent;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>Keeps every progress report, synchronously and from any thread.</summary>
internal sealed class RecordingProgress : IProgress<TransferProgress>
{
    private readonly ConcurrentQueue<TransferProgress> _reports = new();

    public IReadOnlyList<TransferProgress> Reports => _reports.ToArray();

    public IReadOnlyList<TransferProgress> Of(string digest) => Reports.Where(r => r.Digest == digest).ToList();

    public void Report(TransferProgress value) => _reports.Enqueue(value);
}

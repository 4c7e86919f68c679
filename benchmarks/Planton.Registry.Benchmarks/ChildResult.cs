namespace Planton.Registry.Benchmarks;

/// <summary>What a child process measured: times in milliseconds, memory in KiB.</summary>
internal sealed record ChildResult(
    string Operation,
    double ElapsedMs,
    double RepushMs,
    double PeakResidentKib,
    double StartResidentKib,
    int BlobsUploaded,
    int BlobsSkipped,
    int BlobsMounted,
    long BytesDownloaded);

using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Providers;

/// <summary>
/// How blobs travel to a registry: how many at once, how large a chunk must be, and how they are sent.
/// </summary>
/// <param name="MaxParallelBlobs">The most blobs the registry takes at once; ECR wants 1.</param>
/// <param name="MinChunkSize">The smallest chunk a chunked upload may send (ECR: 5 MiB), in bytes.</param>
public sealed record TransferRules(int MaxParallelBlobs, long MinChunkSize)
{
    /// <summary>Up to 16 blobs at once, 5 MiB chunks: what most registries take well.</summary>
    public static TransferRules Default { get; } = new(16, 5 * 1024 * 1024);

    /// <summary>
    /// One blob at a time with chunks of at least 5 MiB, as ECR needs: it resets parallel uploads and refuses
    /// smaller chunks (every chunk but the last).
    /// </summary>
    public static TransferRules Ecr { get; } = new(1, 5 * 1024 * 1024);

    /// <summary>
    /// The upload strategy the registry takes best, used when the caller's <see cref="PushOptions.UploadStrategy"/>
    /// is left at its default. Default <see cref="Distribution.UploadStrategy.MonolithicWithChunkedFallback"/>.
    /// </summary>
    public UploadStrategy UploadStrategy { get; init; } = UploadStrategy.MonolithicWithChunkedFallback;
}

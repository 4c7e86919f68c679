namespace Planton.Registry.Sdk.Providers;

/// <summary>How blobs travel to a registry: how many at once and how large a chunk must be.</summary>
/// <param name="MaxParallelBlobs">The most blobs the registry takes at once; ECR wants 1.</param>
/// <param name="MinChunkSize">The smallest chunk a chunked upload may send (ECR: 5 MiB), in bytes.</param>
public sealed record TransferRules(int MaxParallelBlobs, long MinChunkSize)
{
    /// <summary>Up to 16 blobs at once, 5 MiB chunks: what most registries take well.</summary>
    public static TransferRules Default { get; } = new(16, 5 * 1024 * 1024);

    /// <summary>One blob at a time with chunks of at least 5 MiB, as ECR needs.</summary>
    public static TransferRules Ecr { get; } = new(1, 5 * 1024 * 1024);
}

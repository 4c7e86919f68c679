namespace Planton.Registry.Sdk.Distribution;

/// <summary>How <see cref="IOciRegistryClient.PushAsync"/> chooses what to push and how it uploads blobs.</summary>
public sealed class PushOptions
{
    /// <summary>The default of <see cref="MaxParallelBlobs"/>.</summary>
    public const int DefaultMaxParallelBlobs = 4;

    /// <summary>The default of <see cref="ChunkSize"/>: 5 MiB, the smallest chunk every registry accepts.</summary>
    public const int DefaultChunkSize = 5 * 1024 * 1024;

    /// <summary>
    /// When the layout's <c>index.json</c> names several manifests, the value of the
    /// <c>org.opencontainers.image.ref.name</c> annotation of the one to push. Null (the default) pushes the
    /// only manifest, or the whole index as an image index when there are several.
    /// </summary>
    public string? LayoutReference { get; set; }

    /// <summary>How many blobs are uploaded at the same time; 1 to 32, default 4.</summary>
    public int MaxParallelBlobs { get; set; } = DefaultMaxParallelBlobs;

    /// <summary>
    /// The size of each <c>PATCH</c> when a blob is uploaded in chunks; at least 1 byte, default 5 MiB. A larger
    /// <c>OCI-Chunk-Min-Length</c> sent by the registry wins.
    /// </summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>
    /// Upload every blob in chunks instead of trying one monolithic <c>PUT</c> first. Default false: chunks are
    /// used only when the registry refuses the monolithic upload. Set it for registries behind proxies that cap
    /// the request size.
    /// </summary>
    public bool ForceChunkedUpload { get; set; }
}

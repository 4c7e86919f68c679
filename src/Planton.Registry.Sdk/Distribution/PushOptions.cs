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
    /// Upload every blob in chunks whatever <see cref="UploadStrategy"/> says. Default false. Kept for callers
    /// that set it before <see cref="UploadStrategy"/> existed; setting <see cref="UploadStrategy"/> to
    /// <see cref="Distribution.UploadStrategy.Chunked"/> does the same.
    /// </summary>
    public bool ForceChunkedUpload { get; set; }

    /// <summary>
    /// How blob bytes are sent; default <see cref="Distribution.UploadStrategy.MonolithicWithChunkedFallback"/>.
    /// When a push goes through a provider and this is left at the default, the provider's
    /// <see cref="Providers.TransferRules.UploadStrategy"/> is used instead.
    /// </summary>
    public UploadStrategy UploadStrategy { get; set; } = UploadStrategy.MonolithicWithChunkedFallback;

    /// <summary>
    /// Try to mount each missing blob from another repository of the same registry that the blob-location cache
    /// (<see cref="OciRegistryClientOptions.BlobLocationCachePath"/>) says holds it, before uploading it. Default
    /// true. A refused or failed mount falls back to an upload.
    /// </summary>
    public bool MountFromOtherRepositories { get; set; } = true;

    /// <summary>
    /// Receives a <see cref="TransferProgress"/> report as each blob starts, moves (at most once per 256 KiB and per
    /// 100 ms), is skipped or mounted, completes or fails. Default null: no reports. Reports of different blobs may
    /// come from several threads at once, so the sink must be thread-safe (<see cref="System.Progress{T}"/> is) and
    /// quick, and must not throw.
    /// </summary>
    public IProgress<TransferProgress>? Progress { get; set; }

    /// <summary>The connection's provider kind for telemetry tags, set by the image transfer; null otherwise.</summary>
    internal string? ProviderKind { get; set; }

    /// <summary>The strategy in force: <see cref="ForceChunkedUpload"/> wins.</summary>
    internal UploadStrategy EffectiveUploadStrategy =>
        ForceChunkedUpload ? UploadStrategy.Chunked : UploadStrategy;
}

namespace Planton.Registry.Sdk.Distribution;

/// <summary>How <see cref="IOciRegistryClient.PullAsync"/> chooses what to pull and names it in the layout.</summary>
public sealed class PullOptions
{
    /// <summary>The default of <see cref="MaxParallelBlobs"/>.</summary>
    public const int DefaultMaxParallelBlobs = 4;

    /// <summary>How many blobs are downloaded at the same time; 1 to 32, default 4.</summary>
    public int MaxParallelBlobs { get; set; } = DefaultMaxParallelBlobs;

    /// <summary>
    /// When the reference names an image index, pull only the manifest for this platform and name that manifest
    /// in <c>index.json</c>. Null (the default) pulls every manifest of the index.
    /// </summary>
    public OciPlatform? Platform { get; set; }

    /// <summary>
    /// The <c>org.opencontainers.image.ref.name</c> annotation written into <c>index.json</c>. Null (the
    /// default) uses the tag, or writes no name when pulling by digest. An existing entry with the same name is
    /// replaced; every other entry is kept.
    /// </summary>
    public string? LayoutReference { get; set; }

    /// <summary>
    /// Receives a <see cref="TransferProgress"/> report as each blob starts, moves (at most once per 256 KiB and per
    /// 100 ms), is skipped (already in the layout), completes or fails. Default null: no reports. Reports of
    /// different blobs may come from several threads at once, so the sink must be thread-safe
    /// (<see cref="System.Progress{T}"/> is) and quick, and must not throw.
    /// </summary>
    public IProgress<TransferProgress>? Progress { get; set; }

    /// <summary>The connection's provider kind for telemetry tags, set by the image transfer; null otherwise.</summary>
    internal string? ProviderKind { get; set; }
}

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
}

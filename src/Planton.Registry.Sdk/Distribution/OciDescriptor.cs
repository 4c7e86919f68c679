namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Points at one piece of content by media type, digest and size
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md"/>).
/// </summary>
/// <param name="MediaType">
/// The media type of the content, such as <c>application/vnd.oci.image.manifest.v1+json</c>.
/// </param>
/// <param name="Digest">The digest of the content, <c>sha256:</c> followed by 64 lower-case hex digits.</param>
/// <param name="Size">The size of the content in bytes.</param>
public sealed record OciDescriptor(string MediaType, string Digest, long Size)
{
    /// <summary>The annotation that names an image inside an image layout's <c>index.json</c>.</summary>
    public const string ReferenceNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The descriptor's annotations, or null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The platform an image index entry runs on, or null when the entry does not say.</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>
    /// The value of the <c>org.opencontainers.image.ref.name</c> annotation (usually the tag), or null.
    /// </summary>
    public string? ReferenceName =>
        Annotations is not null && Annotations.TryGetValue(ReferenceNameAnnotation, out var name) ? name : null;
}

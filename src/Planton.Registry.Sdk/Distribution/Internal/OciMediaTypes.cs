namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Media types of the OCI image spec and of Docker's image manifest v2
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/media-types.md"/>).
/// </summary>
internal static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OctetStream = "application/octet-stream";

    /// <summary>Every manifest type the client reads, in the order of preference sent in <c>Accept</c>.</summary>
    public static readonly IReadOnlyList<string> Accepted =
        [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string? mediaType) =>
        mediaType is ImageIndex or DockerManifestList;

    public static bool IsImageManifest(string? mediaType) =>
        mediaType is ImageManifest or DockerManifest;

    public static bool IsManifest(string? mediaType) => IsIndex(mediaType) || IsImageManifest(mediaType);

    /// <summary>
    /// True for layers that registries may refuse to store (the OCI "non-distributable" and Docker "foreign"
    /// layers); a layout may lack them.
    /// </summary>
    public static bool IsNonDistributable(string? mediaType) =>
        mediaType is not null
        && (mediaType.Contains("nondistributable", StringComparison.Ordinal)
            || mediaType.Contains(".foreign.", StringComparison.Ordinal));
}

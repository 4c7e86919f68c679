using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// An OCI image layout directory: an <c>oci-layout</c> marker, an <c>index.json</c> naming its images and a
/// <c>blobs/&lt;algorithm&gt;/&lt;hex&gt;</c> store
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md"/>).
/// What <see cref="IOciRegistryClient.PushAsync"/> reads and <see cref="IOciRegistryClient.PullAsync"/> writes.
/// </summary>
public sealed partial class OciImageLayout
{
    /// <summary>The layout version this SDK writes; any 1.x version is read.</summary>
    public const string LayoutVersion = "1.0.0";

    internal const string LayoutFileName = "oci-layout";
    internal const string IndexFileName = "index.json";
    internal const string BlobsDirectoryName = "blobs";

    private OciImageLayout(string layoutDirectory, IReadOnlyList<OciDescriptor> manifests, byte[] indexContent)
    {
        LayoutDirectory = layoutDirectory;
        Manifests = manifests;
        IndexContent = indexContent;
    }

    /// <summary>The full path of the layout directory.</summary>
    public string LayoutDirectory { get; }

    /// <summary>The entries of <c>index.json</c>, in file order.</summary>
    public IReadOnlyList<OciDescriptor> Manifests { get; }

    /// <summary>The exact bytes of <c>index.json</c>, pushed as they are when the whole index is pushed.</summary>
    internal byte[] IndexContent { get; }

    /// <summary>Opens a layout directory and reads its <c>oci-layout</c> and <c>index.json</c>.</summary>
    /// <param name="layoutDirectory">The layout directory.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="OciLayoutException">
    /// The directory, <c>oci-layout</c> or <c>index.json</c> is missing, the layout version is not 1.x, or a file
    /// is not the JSON the image spec describes.
    /// </exception>
    public static async Task<OciImageLayout> OpenAsync(
        string layoutDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layoutDirectory);
        var directory = Path.GetFullPath(layoutDirectory);
        if (!Directory.Exists(directory))
        {
            throw new OciLayoutException(directory, null, "the directory does not exist.");
        }

        await CheckLayoutMarkerAsync(directory, cancellationToken).ConfigureAwait(false);
        var indexPath = Path.Combine(directory, IndexFileName);
        if (!File.Exists(indexPath))
        {
            throw new OciLayoutException(directory, IndexFileName, "the file is missing.");
        }

        var content = await ReadSmallFileAsync(
                directory, IndexFileName, DistributionLimits.MaxManifestBytes, cancellationToken)
            .ConfigureAwait(false);
        OciManifestDocument index;
        try
        {
            index = OciManifestDocument.Parse(content, OciMediaTypes.ImageIndex);
        }
        catch (InvalidDataException ex)
        {
            throw new OciLayoutException(directory, IndexFileName, ex.Message, ex);
        }

        if (!index.IsIndex)
        {
            throw new OciLayoutException(directory, IndexFileName, "the file is not an image index.");
        }

        return new OciImageLayout(directory, index.Manifests, content);
    }

    /// <summary>Finds the <c>index.json</c> entry whose <c>org.opencontainers.image.ref.name</c> is the name.</summary>
    /// <param name="referenceName">The reference name, usually a tag.</param>
    /// <returns>The first entry with that name, or null.</returns>
    public OciDescriptor? FindManifest(string referenceName)
    {
        ArgumentNullException.ThrowIfNull(referenceName);
        return Manifests.FirstOrDefault(m => string.Equals(m.ReferenceName, referenceName, StringComparison.Ordinal));
    }

    /// <summary>Gives the path where the layout stores a blob, whether or not it is there.</summary>
    /// <param name="digest">The blob's digest, <c>sha256:</c> or <c>sha512:</c> and lower-case hex.</param>
    /// <returns>The full path <c>blobs/&lt;algorithm&gt;/&lt;hex&gt;</c> under the layout directory.</returns>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not a sha256 or sha512 digest.</exception>
    public string GetBlobPath(string digest) => GetBlobPath(LayoutDirectory, digest);

    internal static string GetBlobPath(string layoutDirectory, string digest)
    {
        if (!OciDigest.TryParse(digest, out var algorithm, out var hex))
        {
            throw new ArgumentException("The digest is not sha256 or sha512 in lower-case hex.", nameof(digest));
        }

        return Path.Combine(layoutDirectory, BlobsDirectoryName, algorithm, hex);
    }

    internal static string GetBlobRelativePath(string digest)
    {
        OciDigest.TryParse(digest, out var algorithm, out var hex);
        return $"{BlobsDirectoryName}/{algorithm}/{hex}";
    }

    /// <summary>
    /// Reads a small blob (a manifest or index) and checks its size and digest against the descriptor.
    /// </summary>
    internal async Task<byte[]> ReadVerifiedBlobAsync(OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > DistributionLimits.MaxManifestBytes)
        {
            throw new OciLayoutException(
                LayoutDirectory, GetBlobRelativePath(descriptor.Digest),
                $"the manifest is {descriptor.Size} bytes; "
                + $"at most {DistributionLimits.MaxManifestBytes} are accepted.");
        }

        var file = CheckBlob(descriptor, allowMissing: false)!;
        var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        var actual = OciDigest.Compute(content, OciDigest.AlgorithmOf(descriptor.Digest));
        if (content.Length != descriptor.Size || !string.Equals(actual, descriptor.Digest, StringComparison.Ordinal))
        {
            throw new OciLayoutException(
                LayoutDirectory, GetBlobRelativePath(descriptor.Digest),
                $"the content has {content.Length} bytes and digest {actual}, "
                + $"but its descriptor says {descriptor.Size} bytes and {descriptor.Digest}.");
        }

        return content;
    }

    /// <summary>
    /// Checks that a blob is present with its descriptor's size (its digest is left to the registry, which
    /// verifies it on upload). Returns null for a missing blob only when <paramref name="allowMissing"/>.
    /// </summary>
    internal FileInfo? CheckBlob(OciDescriptor descriptor, bool allowMissing)
    {
        var relative = GetBlobRelativePath(descriptor.Digest);
        var file = new FileInfo(GetBlobPath(descriptor.Digest));
        if (!file.Exists)
        {
            return allowMissing
                ? null
                : throw new OciLayoutException(
                    LayoutDirectory, relative, $"the blob of {descriptor.MediaType} is missing.");
        }

        if (file.Length != descriptor.Size)
        {
            throw new OciLayoutException(
                LayoutDirectory, relative,
                $"the blob has {file.Length} bytes, but its descriptor says {descriptor.Size}.");
        }

        return file;
    }

    internal static async Task CheckLayoutMarkerAsync(string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(directory, LayoutFileName)))
        {
            throw new OciLayoutException(directory, LayoutFileName, "the file is missing.");
        }

        var marker = await ReadSmallFileAsync(
                directory, LayoutFileName, DistributionLimits.MaxLayoutMarkerBytes, cancellationToken)
            .ConfigureAwait(false);
        string? version;
        try
        {
            using var document = JsonDocument.Parse(marker);
            version = document.RootElement.ValueKind == JsonValueKind.Object
                ? OciJson.ReadString(document.RootElement, "imageLayoutVersion", LayoutFileName)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new OciLayoutException(directory, LayoutFileName, "the file is not valid JSON.", ex);
        }

        if (version is null)
        {
            throw new OciLayoutException(directory, LayoutFileName, "the file has no imageLayoutVersion.");
        }

        if (!version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new OciLayoutException(
                directory, LayoutFileName, $"the layout version '{version}' is not supported; 1.x is.");
        }
    }

    private static async Task<byte[]> ReadSmallFileAsync(
        string directory, string name, int maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new OciLayoutException(
                directory, name, $"the file is {length} bytes; at most {maxBytes} are accepted.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }
}

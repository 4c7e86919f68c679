using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Images;

/// <summary>What a push left in the registry.</summary>
/// <param name="Reference">
/// The tagged reference, <c>&lt;registry-host&gt;/&lt;repository-path&gt;:&lt;tag&gt;</c>.
/// </param>
/// <param name="Digest">The digest of the manifest (or index) pushed.</param>
/// <param name="BlobsUploaded">Blobs uploaded.</param>
/// <param name="BlobsSkipped">Blobs the registry already held.</param>
public sealed record ImagePushResult(ImageReference Reference, string Digest, int BlobsUploaded, int BlobsSkipped)
{
    /// <summary>Blobs mounted from another repository of the same registry instead of uploaded; default 0.</summary>
    public int BlobsMounted { get; init; }

    /// <summary>Formats the result as <c>&lt;reference&gt;@&lt;digest&gt;</c>, what the command line prints.</summary>
    /// <returns>The reference pinned to its digest.</returns>
    public override string ToString() => $"{Reference}@{Digest}";
}

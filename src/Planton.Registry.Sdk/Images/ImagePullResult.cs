using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Images;

/// <summary>What a pull wrote into the layout.</summary>
/// <param name="Reference">The reference pulled.</param>
/// <param name="Digest">The digest of the manifest (or index), verified.</param>
/// <param name="BlobsDownloaded">Blobs downloaded and verified.</param>
/// <param name="BytesDownloaded">Bytes downloaded.</param>
public sealed record ImagePullResult(ImageReference Reference, string Digest, int BlobsDownloaded, long BytesDownloaded)
{
    /// <summary>Formats the result as <c>&lt;reference&gt;@&lt;digest&gt;</c>.</summary>
    /// <returns>The reference pinned to its digest.</returns>
    public override string ToString() => $"{Reference.Registry}/{Reference.Repository}@{Digest}";
}

namespace Planton.Registry.Sdk.Distribution;

/// <summary>What a pull wrote into the image layout.</summary>
/// <param name="Digest">
/// The digest of the manifest or image index that <c>index.json</c> now names; with a platform filter on an
/// image index, the digest of the chosen platform's manifest.
/// </param>
/// <param name="MediaType">The media type of that manifest or image index.</param>
/// <param name="BlobsDownloaded">How many blobs were downloaded; blobs already in the layout are not counted.</param>
/// <param name="BytesDownloaded">How many blob bytes were downloaded (manifests not included).</param>
public sealed record PullResult(string Digest, string MediaType, int BlobsDownloaded, long BytesDownloaded);

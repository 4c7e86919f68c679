namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// What a push stored: the manifest (or image index) that the tag now points at, and the blob counts.
/// </summary>
/// <param name="Digest">The digest of the pushed manifest or image index, such as <c>sha256:…</c>.</param>
/// <param name="Size">The size in bytes of the pushed manifest or image index.</param>
/// <param name="MediaType">The media type the manifest was pushed with.</param>
/// <param name="BlobsUploaded">How many blobs (configs and layers) were uploaded.</param>
/// <param name="BlobsSkipped">How many blobs the registry already had and were therefore not uploaded.</param>
public sealed record PushResult(string Digest, long Size, string MediaType, int BlobsUploaded, int BlobsSkipped)
{
    /// <summary>
    /// How many blobs were mounted from another repository of the same registry instead of uploaded; they are
    /// counted neither in <see cref="BlobsUploaded"/> nor in <see cref="BlobsSkipped"/>. Default 0.
    /// </summary>
    public int BlobsMounted { get; init; }
}

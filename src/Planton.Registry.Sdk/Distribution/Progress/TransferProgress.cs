namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// One progress report of a push or pull, about one blob (a config or a layer), with the counts of the whole
/// operation. Given to <see cref="PushOptions.Progress"/> and <see cref="PullOptions.Progress"/>.
/// Each blob reports <see cref="BlobTransferState.Started"/>, any number of
/// <see cref="BlobTransferState.Transferring"/> (at most one per 256 KiB and per 100 ms), then
/// <see cref="BlobTransferState.Completed"/> or <see cref="BlobTransferState.Failed"/>; or only
/// <see cref="BlobTransferState.Skipped"/> or <see cref="BlobTransferState.Mounted"/>. The reports of one blob come in
/// that order; blobs travel in parallel, so reports of different blobs interleave and may come from several threads
/// at once.
/// </summary>
/// <param name="Direction">Whether this is a push (upload) or a pull (download).</param>
/// <param name="Digest">The blob's digest, such as <c>sha256:…</c>.</param>
/// <param name="MediaType">The blob's media type, as its descriptor says.</param>
/// <param name="TotalBytes">The blob's size in bytes.</param>
/// <param name="BytesTransferred">
/// How many of its bytes the other side has so far, 0 to <paramref name="TotalBytes"/>. When an interrupted upload
/// starts over, this goes back.
/// </param>
/// <param name="State">Where the blob stands.</param>
/// <param name="TotalBlobs">How many blobs the whole push or pull deals with.</param>
/// <param name="FinishedBlobs">
/// How many of them are done (completed, skipped, mounted or failed), this one included when it is.
/// </param>
public readonly record struct TransferProgress(
    TransferDirection Direction,
    string Digest,
    string MediaType,
    long TotalBytes,
    long BytesTransferred,
    BlobTransferState State,
    int TotalBlobs,
    int FinishedBlobs);

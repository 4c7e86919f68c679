namespace Planton.Registry.Sdk.Distribution;

/// <content>
/// Progress and telemetry around each blob of a push or pull: a <see cref="BlobTransfer"/> begins before the blob is
/// looked at and ends with what became of it; the upload body and the layout writer report bytes to it as they go.
/// </content>
internal sealed partial class OciRegistryClient
{
    private async Task<BlobPushOutcome> PushBlobObservedAsync(
        TransferOperation operation,
        RegistrySession session,
        OciImageLayout layout,
        OciDescriptor blob,
        bool? knownToExist,
        PushOptions options,
        CancellationToken cancellationToken)
    {
        var transfer = BlobTransfer.Begin(operation, blob);
        try
        {
            var outcome = await PushBlobAsync(session, layout, blob, knownToExist, options, cancellationToken)
                .ConfigureAwait(false);
            transfer.Finish(outcome switch
            {
                BlobPushOutcome.Skipped => BlobTransferState.Skipped,
                BlobPushOutcome.Mounted => BlobTransferState.Mounted,
                _ => BlobTransferState.Completed,
            });
            return outcome;
        }
        catch (Exception ex)
        {
            transfer.Fail(ex);
            throw;
        }
    }

    private async Task<long?> DownloadBlobObservedAsync(
        TransferOperation operation,
        RegistrySession session,
        string directory,
        OciDescriptor blob,
        CancellationToken cancellationToken)
    {
        var transfer = BlobTransfer.Begin(operation, blob);
        try
        {
            var written = await DownloadBlobAsync(session, directory, blob, cancellationToken).ConfigureAwait(false);
            transfer.Finish(written is null ? BlobTransferState.Skipped : BlobTransferState.Completed);
            return written;
        }
        catch (Exception ex)
        {
            transfer.Fail(ex);
            throw;
        }
    }
}

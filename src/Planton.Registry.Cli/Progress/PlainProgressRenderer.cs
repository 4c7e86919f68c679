using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Cli.Progress;

/// <summary>
/// Progress for logs and pipes: one line per blob state change (<c>sha256:0123456789ab uploading 12.0 MiB</c>,
/// <c>… done</c>, <c>… skipped (present)</c>, <c>… mounted</c>, <c>… failed</c>); byte updates print nothing.
/// Thread-safe: lines of parallel blobs never mix.
/// </summary>
internal sealed class PlainProgressRenderer : IProgress<TransferProgress>
{
    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    public PlainProgressRenderer(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public void Report(TransferProgress value)
    {
        if (value.State == BlobTransferState.Transferring)
        {
            return;
        }

        var line = ProgressFormat.ShortDigest(value.Digest) + " " + ProgressFormat.State(value.Direction, value.State);
        if (value.State == BlobTransferState.Started)
        {
            line += " " + ProgressFormat.Bytes(value.TotalBytes);
        }

        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}

using System.Globalization;
using System.Text;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Cli.Progress;

/// <summary>
/// Progress for a terminal: one line per blob with a bar, redrawn in place (ANSI cursor-up and erase-line), and a
/// last line with the blob count. A state change redraws at once; byte updates redraw at most every
/// <see cref="RedrawInterval"/>. Thread-safe.
/// </summary>
internal sealed class BarProgressRenderer : IProgress<TransferProgress>
{
    /// <summary>The cells of a bar.</summary>
    public const int BarWidth = 24;

    /// <summary>The shortest time between two redraws for byte updates alone.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private const string Escape = "\u001b[";

    private readonly TextWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<TransferProgress> _blobs = [];
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private int _totalBlobs;
    private int _drawnLines;
    private long _drawnAt;
    private bool _drawn;

    public BarProgressRenderer(TextWriter writer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _writer = writer;
        _timeProvider = timeProvider;
    }

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(value.Digest, out var row))
            {
                _blobs[row] = value;
            }
            else
            {
                _rows[value.Digest] = _blobs.Count;
                _blobs.Add(value);
            }

            if (value.State == BlobTransferState.Transferring
                && _drawn
                && _timeProvider.GetElapsedTime(_drawnAt) < RedrawInterval)
            {
                return;
            }

            _totalBlobs = Math.Max(_totalBlobs, value.TotalBlobs);
            Draw();
        }
    }

    /// <summary>One blob's line: digest, state, bar, percentage and bytes.</summary>
    internal static string Line(TransferProgress blob)
    {
        var text = new StringBuilder();
        text.Append(ProgressFormat.ShortDigest(blob.Digest)).Append(' ');
        var state = ProgressFormat.State(blob.Direction, blob.State);
        if (blob.State is BlobTransferState.Skipped or BlobTransferState.Mounted)
        {
            return text.Append(state).ToString();
        }

        var fraction = blob.TotalBytes <= 0
            ? (blob.State == BlobTransferState.Completed ? 1.0 : 0.0)
            : Math.Clamp((double)blob.BytesTransferred / blob.TotalBytes, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth, MidpointRounding.ToZero);
        text.Append(state.PadRight(11))
            .Append(" [")
            .Append('#', filled)
            .Append('.', BarWidth - filled)
            .Append("] ")
            .Append(((int)(fraction * 100)).ToString(CultureInfo.InvariantCulture).PadLeft(3))
            .Append("% ")
            .Append(ProgressFormat.Bytes(blob.BytesTransferred))
            .Append(" / ")
            .Append(ProgressFormat.Bytes(blob.TotalBytes));
        return text.ToString();
    }

    private void Draw()
    {
        var frame = new StringBuilder();
        if (_drawnLines > 0)
        {
            frame.Append(Escape).Append(_drawnLines.ToString(CultureInfo.InvariantCulture)).Append('A');
        }

        foreach (var blob in _blobs)
        {
            frame.Append('\r').Append(Escape).Append("2K").Append(Line(blob)).Append('\n');
        }

        // Counted here rather than taken from the reports, which parallel blobs may deliver out of order.
        var finished = _blobs.Count(b => IsFinal(b.State));
        frame.Append('\r').Append(Escape).Append("2K")
            .Append(finished.ToString(CultureInfo.InvariantCulture))
            .Append(" of ")
            .Append(Math.Max(_totalBlobs, _blobs.Count).ToString(CultureInfo.InvariantCulture))
            .Append(" blobs done")
            .Append('\n');
        _writer.Write(frame.ToString());
        _writer.Flush();
        _drawnLines = _blobs.Count + 1;
        _drawnAt = _timeProvider.GetTimestamp();
        _drawn = true;
    }

    private static bool IsFinal(BlobTransferState state) =>
        state is BlobTransferState.Completed or BlobTransferState.Skipped or BlobTransferState.Mounted
            or BlobTransferState.Failed;
}

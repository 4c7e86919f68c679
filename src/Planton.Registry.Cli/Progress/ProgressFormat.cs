using System.Globalization;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Cli.Progress;

/// <summary>The words and numbers both renderers print.</summary>
internal static class ProgressFormat
{
    /// <summary>Hex digits of a digest shown: as many as image tools show for an id.</summary>
    public const int ShortDigestLength = 12;

    /// <summary><c>sha256:</c> and the first 12 hex digits of the digest.</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var hex = colon < 0 ? digest : digest[(colon + 1)..];
        var prefix = colon < 0 ? string.Empty : digest[..(colon + 1)];
        return prefix + (hex.Length <= ShortDigestLength ? hex : hex[..ShortDigestLength]);
    }

    /// <summary>A size in binary units with one decimal: <c>512 B</c>, <c>12.0 MiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var value = bytes / 1024.0;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>What a blob is doing, in words: <c>uploading</c>, <c>done</c>, <c>skipped (present)</c>, ….</summary>
    public static string State(TransferDirection direction, BlobTransferState state) => state switch
    {
        BlobTransferState.Started or BlobTransferState.Transferring =>
            direction == TransferDirection.Upload ? "uploading" : "downloading",
        BlobTransferState.Skipped =>
            direction == TransferDirection.Upload ? "skipped (present)" : "skipped (in layout)",
        BlobTransferState.Mounted => "mounted",
        BlobTransferState.Completed => "done",
        _ => "failed",
    };
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <content>Building a one-layer image from a folder of files.</content>
public sealed partial class OciImageLayout
{
    private const UnixFileMode Mode755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode644 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Builds a one-layer linux/amd64 image from the files of a folder and stores it in an image layout under
    /// <paramref name="tag"/>. The layer is a gzip-compressed tar written deterministically: names sorted
    /// ordinally, modification times 0, owner 0:0, modes 0644 (0755 for directories and executables), so the same
    /// files always give the same digests on the same .NET version.
    /// </summary>
    /// <param name="sourceDirectory">The folder whose contents become the image's root file system.</param>
    /// <param name="layoutDirectory">
    /// The layout directory; created when missing. An existing layout keeps its other images; an image with the
    /// same tag is replaced in <c>index.json</c>. It must not lie inside <paramref name="sourceDirectory"/>.
    /// </param>
    /// <param name="tag">The <c>org.opencontainers.image.ref.name</c> written into <c>index.json</c>.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The layout, opened.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="sourceDirectory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="tag"/> is not a valid tag, or the layout directory lies inside the source directory.
    /// </exception>
    /// <exception cref="OciLayoutException">
    /// An existing layout at <paramref name="layoutDirectory"/> is corrupt.
    /// </exception>
    public static async Task<OciImageLayout> CreateFromFilesAsync(
        string sourceDirectory, string layoutDirectory, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(layoutDirectory);
        OciNames.ThrowIfInvalidTag(tag, nameof(tag));
        var source = Path.GetFullPath(sourceDirectory);
        var layout = Path.GetFullPath(layoutDirectory);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"The source directory '{source}' does not exist.");
        }

        var sourceWithSeparator = Path.TrimEndingDirectorySeparator(source) + Path.DirectorySeparatorChar;
        if (layout.StartsWith(sourceWithSeparator, StringComparison.Ordinal) || layout == source)
        {
            throw new ArgumentException(
                "The layout directory must not lie inside the source directory.", nameof(layoutDirectory));
        }

        await OciLayoutWriter.EnsureLayoutAsync(layout, cancellationToken).ConfigureAwait(false);
        var (layer, diffId) = await WriteLayerAsync(source, layout, cancellationToken).ConfigureAwait(false);
        var config = await WriteJsonBlobAsync(
            layout, OciMediaTypes.ImageConfig, writer => WriteConfig(writer, diffId), cancellationToken)
            .ConfigureAwait(false);
        var manifest = await WriteJsonBlobAsync(
            layout, OciMediaTypes.ImageManifest, writer => WriteManifest(writer, config, layer), cancellationToken)
            .ConfigureAwait(false);
        await OciLayoutWriter.SetIndexEntryAsync(layout, manifest, tag, cancellationToken).ConfigureAwait(false);
        return await OpenAsync(layout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(OciDescriptor Layer, string DiffId)> WriteLayerAsync(
        string source, string layout, CancellationToken cancellationToken)
    {
        var blobDirectory = Path.Combine(layout, BlobsDirectoryName, OciDigest.Sha256);
        Directory.CreateDirectory(blobDirectory);
        var tempPath = OciLayoutWriter.TempPathFor(Path.Combine(blobDirectory, "layer"));
        try
        {
            using var compressedHash = OciDigest.CreateHash(OciDigest.Sha256);
            using var tarHash = OciDigest.CreateHash(OciDigest.Sha256);
            long compressedSize;
            var file = new FileStream(
                tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, DistributionLimits.CopyBufferSize,
                FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var compressed = new HashingWriteStream(file, compressedHash, leaveOpen: true);
                await using (compressed.ConfigureAwait(false))
                {
                    var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
                    await using (gzip.ConfigureAwait(false))
                    {
                        var tarStream = new HashingWriteStream(gzip, tarHash, leaveOpen: true);
                        await using (tarStream.ConfigureAwait(false))
                        {
                            await WriteTarAsync(source, tarStream, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    compressedSize = compressed.BytesWritten;
                }
            }

            var digest = OciDigest.Format(OciDigest.Sha256, compressedHash.GetHashAndReset());
            var diffId = OciDigest.Format(OciDigest.Sha256, tarHash.GetHashAndReset());
            File.Move(tempPath, GetBlobPath(layout, digest), overwrite: true);
            return (new OciDescriptor(OciMediaTypes.LayerTarGzip, digest, compressedSize), diffId);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    private static async Task WriteTarAsync(string source, Stream destination, CancellationToken cancellationToken)
    {
        var entries = new List<(string Path, string Name)>();
        CollectEntries(source, source, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var (path, name) in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var info = new FileInfo(path);
                if (info.LinkTarget is { } linkTarget)
                {
                    var link = NewEntry(TarEntryType.SymbolicLink, name, Mode644);
                    link.LinkName = linkTarget;
                    await writer.WriteEntryAsync(link, cancellationToken).ConfigureAwait(false);
                }
                else if (info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    var directory = NewEntry(TarEntryType.Directory, name + "/", Mode755);
                    await writer.WriteEntryAsync(directory, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var executable = !OperatingSystem.IsWindows()
                        && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
                    var entry = NewEntry(TarEntryType.RegularFile, name, executable ? Mode755 : Mode644);
                    var content = new FileStream(
                        path, FileMode.Open, FileAccess.Read, FileShare.Read, DistributionLimits.CopyBufferSize,
                        FileOptions.Asynchronous | FileOptions.SequentialScan);
                    await using (content.ConfigureAwait(false))
                    {
                        entry.DataStream = content;
                        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Lists every file, directory and symbolic link under <paramref name="directory"/>, without descending into
    /// symbolic links to directories (they are stored as links).
    /// </summary>
    private static void CollectEntries(string root, string directory, List<(string Path, string Name)> entries)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", options))
        {
            entries.Add((path, Path.GetRelativePath(root, path).Replace('\\', '/')));
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is null && info.Attributes.HasFlag(FileAttributes.Directory))
            {
                CollectEntries(root, path, entries);
            }
        }
    }

    /// <summary>
    /// A GNU-format entry: unlike PAX, whose extended headers .NET names after the process id, it gives the same
    /// bytes in every process.
    /// </summary>
    private static GnuTarEntry NewEntry(TarEntryType type, string name, UnixFileMode mode) =>
        new(type, name)
        {
            ModificationTime = DateTimeOffset.UnixEpoch,
            AccessTime = DateTimeOffset.UnixEpoch,
            ChangeTime = DateTimeOffset.UnixEpoch,
            Mode = mode,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
        };

    private static async Task<OciDescriptor> WriteJsonBlobAsync(
        string layout, string mediaType, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = buffer.ToArray();
        var digest = OciDigest.Compute(content);
        await OciLayoutWriter.WriteVerifiedBlobAsync(layout, digest, content, cancellationToken).ConfigureAwait(false);
        return new OciDescriptor(mediaType, digest, content.Length);
    }

    private static void WriteConfig(Utf8JsonWriter writer, string diffId)
    {
        writer.WriteStartObject();
        writer.WriteString("architecture", "amd64");
        writer.WriteString("os", "linux");
        writer.WriteStartObject("config");
        writer.WriteEndObject();
        writer.WriteStartObject("rootfs");
        writer.WriteString("type", "layers");
        writer.WriteStartArray("diff_ids");
        writer.WriteStringValue(diffId);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteManifest(Utf8JsonWriter writer, OciDescriptor config, OciDescriptor layer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", 2);
        writer.WriteString("mediaType", OciMediaTypes.ImageManifest);
        writer.WritePropertyName("config");
        OciJson.WriteDescriptor(writer, config);
        writer.WriteStartArray("layers");
        OciJson.WriteDescriptor(writer, layer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

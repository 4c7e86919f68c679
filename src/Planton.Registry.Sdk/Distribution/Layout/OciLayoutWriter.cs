using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Writes into an image layout: blobs through a temp file that is verified and then renamed into place, and
/// <c>index.json</c> merged with what it already holds. A reader never sees a half-written blob. The merge holds an
/// exclusive lock on <c>index.json.lock</c>, so that concurrent pulls into one layout, in one process or several,
/// all keep their entries.
/// </summary>
internal static class OciLayoutWriter
{
    private static readonly byte[] s_layoutMarker =
        Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"" + OciImageLayout.LayoutVersion + "\"}");

    /// <summary>Creates the directory, <c>blobs/</c> and <c>oci-layout</c>, or checks the ones there.</summary>
    public static async Task EnsureLayoutAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(directory, OciImageLayout.BlobsDirectoryName));
        var marker = Path.Combine(directory, OciImageLayout.LayoutFileName);
        if (File.Exists(marker))
        {
            await OciImageLayout.CheckLayoutMarkerAsync(directory, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteFileAtomicallyAsync(marker, s_layoutMarker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the blob is already stored with the expected size.</summary>
    public static bool HasBlob(string directory, OciDescriptor descriptor)
    {
        var file = new FileInfo(OciImageLayout.GetBlobPath(directory, descriptor.Digest));
        return file.Exists && file.Length == descriptor.Size;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the blob store, hashing while writing, and moves it into place only
    /// when its size and digest match <paramref name="expected"/>. Throws <see cref="InvalidDataException"/>
    /// (and leaves nothing behind) when they do not. Two pooled buffers of
    /// <see cref="DistributionLimits.TransferBufferSize"/> alternate: while one is hashed and written, the next is
    /// filled from the network, so that the sender is never kept waiting on the disk or the hash. The temp file is
    /// given its full size up front, which spares the file system growing it a megabyte at a time.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public static async Task<long> WriteBlobAsync(
        string directory, OciDescriptor expected, Stream source, CancellationToken cancellationToken)
    {
        var finalPath = OciImageLayout.GetBlobPath(directory, expected.Digest);
        var algorithm = OciDigest.AlgorithmOf(expected.Digest);
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        RemoveStaleTemps(finalPath);
        var tempPath = TempPathFor(finalPath);
        var bufferSize = (int)Math.Clamp(expected.Size + 1, 1, DistributionLimits.TransferBufferSize);
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var next = ArrayPool<byte>.Shared.Rent(bufferSize);
        Task<int>? pending = null;
        try
        {
            long total = 0;
            using var hash = OciDigest.CreateHash(algorithm);
            var transfer = BlobTransfer.Current;
            transfer?.OnBytes(0, 0);
            using (var target = File.OpenHandle(
                       tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None,
                       preallocationSize: expected.Size))
            {
                var filled = await FillAsync(source, current, cancellationToken).ConfigureAwait(false);
                while (filled > 0)
                {
                    if (total + filled > expected.Size)
                    {
                        throw new InvalidDataException(
                            $"The blob {expected.Digest} is longer than the {expected.Size} bytes "
                            + "its descriptor says.");
                    }

                    pending = FillAsync(source, next, cancellationToken);
                    hash.AppendData(current, 0, filled);
                    await RandomAccess.WriteAsync(target, current.AsMemory(0, filled), total, cancellationToken)
                        .ConfigureAwait(false);
                    total += filled;
                    transfer?.OnBytes(total, filled);
                    filled = await pending.ConfigureAwait(false);
                    pending = null;
                    (current, next) = (next, current);
                }

                if (total != expected.Size)
                {
                    throw new InvalidDataException(
                        $"The blob {expected.Digest} has {total} bytes, but its descriptor says {expected.Size}.");
                }

                var actual = OciDigest.Format(algorithm, hash.GetHashAndReset());
                if (!string.Equals(actual, expected.Digest, StringComparison.Ordinal))
                {
                    throw new InvalidDataException(
                        $"The blob's content has the digest {actual}, but {expected.Digest} was expected.");
                }

                if (!OperatingSystem.IsWindows())
                {
                    // Renamed while still locked, so that another pull's stale-temp sweep cannot take it first.
                    File.Move(tempPath, finalPath, overwrite: true);
                }
            }

            if (OperatingSystem.IsWindows())
            {
                File.Move(tempPath, finalPath, overwrite: true);
            }

            return total;
        }
        finally
        {
            if (pending is not null)
            {
                // A read still fills a buffer: let it end before the buffers go back to the pool.
                await pending.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
            TryDelete(tempPath);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Stores content whose digest the caller has already checked.</summary>
    public static async Task WriteVerifiedBlobAsync(
        string directory, string digest, byte[] content, CancellationToken cancellationToken)
    {
        var finalPath = OciImageLayout.GetBlobPath(directory, digest);
        var existing = new FileInfo(finalPath);
        if (existing.Exists && existing.Length == content.Length)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        await WriteFileAtomicallyAsync(finalPath, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <paramref name="descriptor"/> to <c>index.json</c> under <paramref name="referenceName"/>. An entry
    /// with the same name is replaced (with no name: an unnamed entry with the same digest); every other entry and
    /// every other field of the file is kept.
    /// </summary>
    public static Task SetIndexEntryAsync(
        string directory, OciDescriptor descriptor, string? referenceName, CancellationToken cancellationToken) =>
        SetIndexEntryAsync(directory, descriptor, referenceName, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="SetIndexEntryAsync(string, OciDescriptor, string?, CancellationToken)"/>
    internal static async Task SetIndexEntryAsync(
        string directory,
        OciDescriptor descriptor,
        string? referenceName,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var indexPath = Path.Combine(directory, OciImageLayout.IndexFileName);
        using var indexLock = await ExclusiveFileLock.AcquireAsync(
                indexPath + ".lock", timeProvider, cancellationToken)
            .ConfigureAwait(false);
        var root = await ReadIndexAsync(directory, indexPath, cancellationToken).ConfigureAwait(false);
        var manifests = root["manifests"] as JsonArray ?? [];
        root["manifests"] = null;
        var kept = new JsonArray();
        foreach (var entry in manifests.ToList())
        {
            manifests.Remove(entry);
            if (!IsReplaced(entry, descriptor, referenceName))
            {
                kept.Add(entry);
            }
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (descriptor.Annotations is not null)
        {
            foreach (var pair in descriptor.Annotations)
            {
                annotations[pair.Key] = pair.Value;
            }
        }

        annotations.Remove(OciDescriptor.ReferenceNameAnnotation);
        if (referenceName is not null)
        {
            annotations[OciDescriptor.ReferenceNameAnnotation] = referenceName;
        }

        var entryDescriptor = descriptor with { Annotations = annotations.Count == 0 ? null : annotations };
        kept.Add(JsonNode.Parse(SerializeDescriptor(entryDescriptor)));
        root["manifests"] = kept;
        var content = Encoding.UTF8.GetBytes(root.ToJsonString());
        await WriteFileAtomicallyAsync(indexPath, content, cancellationToken).ConfigureAwait(false);
    }

    internal static byte[] SerializeDescriptor(OciDescriptor descriptor)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OciJson.WriteDescriptor(writer, descriptor);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static async Task WriteFileAtomicallyAsync(
        string path, byte[] content, CancellationToken cancellationToken)
    {
        var tempPath = TempPathFor(path);
        try
        {
            await File.WriteAllBytesAsync(tempPath, content, cancellationToken).ConfigureAwait(false);
            File.Move(tempPath, path, overwrite: true);
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    internal static string TempPathFor(string finalPath) =>
        Path.Combine(
            Path.GetDirectoryName(finalPath)!,
            $".{Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.tmp");

    private static async Task<JsonObject> ReadIndexAsync(
        string directory, string indexPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(indexPath))
        {
            return new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciMediaTypes.ImageIndex,
                ["manifests"] = new JsonArray(),
            };
        }

        var existing = await OciImageLayout.OpenAsync(directory, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(existing.IndexContent) as JsonObject
            ?? throw new OciLayoutException(directory, OciImageLayout.IndexFileName, "the file is not a JSON object.");
    }

    private static bool IsReplaced(JsonNode? entry, OciDescriptor descriptor, string? referenceName)
    {
        if (entry is not JsonObject entryObject)
        {
            return false;
        }

        var existingName = (entryObject["annotations"] as JsonObject)?[OciDescriptor.ReferenceNameAnnotation]
            ?.GetValue<string>();
        if (referenceName is not null)
        {
            return string.Equals(existingName, referenceName, StringComparison.Ordinal);
        }

        var digest = entryObject["digest"]?.GetValue<string>();
        return existingName is null && string.Equals(digest, descriptor.Digest, StringComparison.Ordinal);
    }

    /// <summary>
    /// Deletes the temp files an interrupted earlier write of the same blob left behind (a killed process runs no
    /// cleanup). A temp file that another write still holds open, and so locked, is left to that write.
    /// </summary>
    internal static void RemoveStaleTemps(string finalPath)
    {
        var folder = Path.GetDirectoryName(finalPath)!;
        var pattern = "." + Path.GetFileName(finalPath) + "*.tmp";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, pattern).ToList();
        }
        catch (IOException)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            try
            {
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    // Opened exclusively: no writer holds it any more.
                }

                File.Delete(candidate);
            }
            catch (FileNotFoundException)
            {
                // Gone already.
            }
            catch (IOException)
            {
                // Held by a write in progress.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a temp file that cannot be removed is harmless, it is never read.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

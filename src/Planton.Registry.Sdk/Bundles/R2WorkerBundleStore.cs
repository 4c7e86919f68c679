using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// <see cref="IWorkerBundleStore"/> over an <see cref="IR2ObjectClient"/>. The manifest is the commit point of a
/// version: put writes it after every file, delete removes it before any file, and list and get see only
/// versions whose manifest exists.
/// </summary>
internal sealed class R2WorkerBundleStore : IWorkerBundleStore
{
    private const int TransferConcurrency = 4;
    private const int MaximumParts = 10_000;
    private const string ManifestContentType = "application/json";

    private readonly IR2ObjectClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The bucket; disposed with the store.</param>
    /// <param name="time">The clock for manifests' creation time.</param>
    /// <param name="logger">Where to log.</param>
    public R2WorkerBundleStore(IR2ObjectClient client, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<BundlePutResult> PutAsync(
        string serviceName,
        string tag,
        string sourceDirectory,
        BundlePutOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        BundleKeys.ValidateServiceName(serviceName);
        BundleKeys.ValidateTag(tag);
        options ??= new BundlePutOptions();
        ValidateOptions(options);

        var prefix = BundleKeys.VersionPrefix(serviceName, tag);
        var manifestKey = BundleKeys.ManifestKey(prefix);
        var bundle = await BundleScanner.ScanAsync(sourceDirectory, options.MainModule, _logger, cancellationToken)
            .ConfigureAwait(false);
        foreach (var file in bundle.Files)
        {
            if (!BundleKeys.FitsKeyLimit(BundleKeys.FileKey(prefix, file.File.Path)))
            {
                throw new RegistryConfigurationException(
                    "Dir", $"'{file.File.Path}' makes an object key longer than {BundleKeys.MaximumKeyBytes} bytes.");
            }
        }

        var manifest = bundle.ToManifest(serviceName, tag, _time.GetUtcNow());
        Log.BundlePutStarting(
            _logger,
            serviceName,
            tag,
            bundle.Files.Count,
            bundle.TotalBytes,
            bundle.MainModule,
            _client.Bucket,
            _client.Host);

        var replaced = false;
        var stored = await TryReadStoredForPutAsync(manifestKey, serviceName, tag, cancellationToken)
            .ConfigureAwait(false);
        if (stored is not null)
        {
            var difference = stored.Value.Manifest is null
                ? "the stored manifest cannot be read"
                : stored.Value.Manifest.DescribeContentDifference(manifest);
            if (difference is null)
            {
                Log.BundleAlreadyStored(_logger, serviceName, tag, stored.Value.Digest);
                return Result(bundle, serviceName, tag, prefix, stored.Value.Digest, alreadyStored: true, false, 0, 0);
            }

            if (!options.Force)
            {
                throw new BundleConflictException(serviceName, tag, _client.Bucket, stored.Value.Digest, difference);
            }

            Log.BundleReplacing(_logger, serviceName, tag, difference);
            await _client.DeleteObjectAsync(manifestKey, cancellationToken).ConfigureAwait(false);
            replaced = true;
        }

        var (multipartFiles, parts) = await UploadFilesAsync(bundle, prefix, options, cancellationToken)
            .ConfigureAwait(false);
        var wanted = bundle.Files
            .Select(f => BundleKeys.FileKey(prefix, f.File.Path))
            .ToHashSet(StringComparer.Ordinal);
        await DeleteStaleFilesAsync(prefix, wanted, cancellationToken).ConfigureAwait(false);

        var bytes = BundleManifestCodec.Serialize(manifest);
        var digest = BundleManifestCodec.Digest(bytes);
        await _client.PutBytesAsync(manifestKey, bytes, ManifestContentType, cancellationToken).ConfigureAwait(false);
        Log.BundleStored(_logger, serviceName, tag, bundle.Files.Count, bundle.TotalBytes, digest);
        return Result(bundle, serviceName, tag, prefix, digest, alreadyStored: false, replaced, multipartFiles, parts);
    }

    /// <inheritdoc />
    public async Task<BundleGetResult> GetAsync(
        string serviceName, string tag, string targetDirectory, CancellationToken cancellationToken = default)
    {
        BundleKeys.ValidateServiceName(serviceName);
        BundleKeys.ValidateTag(tag);
        if (string.IsNullOrWhiteSpace(targetDirectory))
        {
            throw new RegistryConfigurationException("Dir", "no target folder was given.");
        }

        var root = Path.GetFullPath(targetDirectory);
        var prefix = BundleKeys.VersionPrefix(serviceName, tag);
        var manifestKey = BundleKeys.ManifestKey(prefix);
        var stored = await ReadManifestAsync(manifestKey, serviceName, tag, cancellationToken).ConfigureAwait(false)
            ?? throw NotStored(serviceName, tag, manifestKey, "GET");
        var manifest = stored.Manifest;
        var files = manifest.Files!;

        var targets = new List<(BundleFile File, string Key, string Destination)>(files.Count);
        foreach (var file in files)
        {
            if (!BundlePaths.TryResolveUnder(root, file.Path, out var destination))
            {
                throw new BundleIntegrityException(
                    manifestKey,
                    $"The bundle manifest '{manifestKey}' names '{file.Path}', which lands outside '{root}'.");
            }

            targets.Add((file, BundleKeys.FileKey(prefix, file.Path), destination));
        }

        var created = CreateFolders(root, targets.Select(t => Path.GetDirectoryName(t.Destination)!));
        foreach (var target in targets)
        {
            RefuseLinkedFolders(root, target.File.Path);
        }

        var temporaries = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var complete = false;
        try
        {
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = TransferConcurrency,
                CancellationToken = cancellationToken,
            };
            await Parallel.ForEachAsync(targets, parallel, async (target, token) =>
            {
                var folder = Path.GetDirectoryName(target.Destination)!;
                var temporary = Path.Join(
                    folder, $".{Path.GetFileName(target.Destination)}.{Path.GetRandomFileName()}.partial");
                temporaries[target.Destination] = temporary;
                await DownloadVerifiedAsync(target.Key, target.File, temporary, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

            foreach (var target in targets)
            {
                File.Move(temporaries[target.Destination], target.Destination, overwrite: true);
                temporaries.TryRemove(target.Destination, out _);
            }

            complete = true;
        }
        finally
        {
            foreach (var leftover in temporaries.Values)
            {
                DeleteQuietly(leftover);
            }

            if (!complete)
            {
                RemoveEmptyFolders(created);
            }
        }

        Log.BundleFetched(_logger, serviceName, tag, root, files.Count, manifest.TotalSize);
        return new BundleGetResult
        {
            ServiceName = serviceName,
            Tag = tag,
            Directory = root,
            ManifestDigest = stored.Digest,
            CreatedAt = manifest.CreatedAt,
            MainModule = manifest.MainModule!,
            Files = files,
            TotalBytes = manifest.TotalSize,
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BundleVersion>> ListAsync(
        string serviceName, CancellationToken cancellationToken = default)
    {
        BundleKeys.ValidateServiceName(serviceName);
        var servicePrefix = BundleKeys.ServicePrefix(serviceName);
        var versions = new Dictionary<string, (DateTimeOffset? StoredAt, long Size, int Files)>(StringComparer.Ordinal);
        await foreach (var item in _client.ListObjectsAsync(servicePrefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = item.Key[servicePrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            var tag = rest[..slash];
            var inside = rest[(slash + 1)..];
            versions.TryGetValue(tag, out var version);
            if (inside == BundleKeys.ManifestName)
            {
                version.StoredAt = item.LastModified;
            }
            else if (inside.StartsWith(BundleKeys.FilesFolder, StringComparison.Ordinal))
            {
                version.Size += item.Size;
                version.Files++;
            }

            versions[tag] = version;
        }

        return
        [
            .. versions
                .Where(pair => pair.Value.StoredAt is not null)
                .Select(pair => new BundleVersion
                {
                    Tag = pair.Key,
                    StoredAt = pair.Value.StoredAt!.Value,
                    Size = pair.Value.Size,
                    FileCount = pair.Value.Files,
                })
                .OrderByDescending(v => v.StoredAt)
                .ThenBy(v => v.Tag, StringComparer.Ordinal),
        ];
    }

    /// <inheritdoc />
    public async Task<BundleDeleteResult> DeleteAsync(
        string serviceName, string tag, CancellationToken cancellationToken = default)
    {
        BundleKeys.ValidateServiceName(serviceName);
        BundleKeys.ValidateTag(tag);
        var prefix = BundleKeys.VersionPrefix(serviceName, tag);
        var manifestKey = BundleKeys.ManifestKey(prefix);

        var keys = new List<string>();
        await foreach (var item in _client.ListObjectsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(item.Key);
        }

        if (keys.Count == 0)
        {
            throw NotStored(serviceName, tag, manifestKey, "DELETE");
        }

        var wasComplete = keys.Remove(manifestKey);
        if (wasComplete)
        {
            await _client.DeleteObjectAsync(manifestKey, cancellationToken).ConfigureAwait(false);
            Log.ObjectDeleted(_logger, manifestKey);
        }

        await DeleteKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var count = keys.Count + (wasComplete ? 1 : 0);
        Log.BundleDeleted(_logger, serviceName, tag, count);
        return new BundleDeleteResult
        {
            ServiceName = serviceName,
            Tag = tag,
            KeyPrefix = prefix,
            ObjectsDeleted = count,
            WasComplete = wasComplete,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static void ValidateOptions(BundlePutOptions options)
    {
        if (options.MultipartThreshold < 1)
        {
            throw new RegistryConfigurationException(
                "MultipartThreshold", $"must be at least 1 byte; got {options.MultipartThreshold}.");
        }

        if (options.PartSize is < BundlePutOptions.MinimumPartSize or > BundlePutOptions.MaximumPartSize)
        {
            throw new RegistryConfigurationException(
                "PartSize",
                $"must be from {BundlePutOptions.MinimumPartSize} (5 MiB) to {BundlePutOptions.MaximumPartSize} bytes; "
                + $"got {options.PartSize}.");
        }

        if (options.MaxConcurrency is < 1 or > 32)
        {
            throw new RegistryConfigurationException(
                "MaxConcurrency", $"must be from 1 to 32; got {options.MaxConcurrency}.");
        }
    }

    private static void RefuseLinkedFolders(string root, string path)
    {
        var current = root;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Join(current, segments[i]);
            var folder = new DirectoryInfo(current);
            if (folder.Exists && folder.LinkTarget is not null)
            {
                throw new RegistryConfigurationException(
                    "Dir", $"'{current}' is a symbolic link; refusing to write bundle files through it.");
            }
        }
    }

    /// <summary>Creates the folders a get needs and returns those it created, parents first.</summary>
    private static List<string> CreateFolders(string root, IEnumerable<string> folders)
    {
        var created = new List<string>();
        foreach (var folder in folders.Prepend(root).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var missing = new Stack<string>();
            for (var current = folder; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
            {
                missing.Push(current);
            }

            while (missing.TryPop(out var next))
            {
                Directory.CreateDirectory(next);
                created.Add(next);
            }
        }

        return created;
    }

    /// <summary>After a failed get, removes the folders it created that stayed empty, deepest first.</summary>
    private static void RemoveEmptyFolders(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (!Directory.EnumerateFileSystemEntries(created[i]).Any())
                {
                    Directory.Delete(created[i]);
                }
            }
            catch (IOException)
            {
                // Another process put something there or removed it first; either way it is not ours to clean.
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    private BundlePutResult Result(
        ScannedBundle bundle,
        string serviceName,
        string tag,
        string prefix,
        string digest,
        bool alreadyStored,
        bool replaced,
        int multipartFiles,
        int parts) => new()
        {
            ServiceName = serviceName,
            Tag = tag,
            Bucket = _client.Bucket,
            KeyPrefix = prefix,
            ManifestDigest = digest,
            MainModule = bundle.MainModule,
            Files = [.. bundle.Files.Select(f => f.File)],
            TotalBytes = bundle.TotalBytes,
            AlreadyStored = alreadyStored,
            Replaced = replaced,
            MultipartFiles = multipartFiles,
            PartsUploaded = parts,
        };

    private RegistryRequestFailedException NotStored(
        string serviceName, string tag, string manifestKey, string method) =>
        new(
            method,
            BundleKeys.ObjectUri(_client.BucketUri, manifestKey),
            HttpStatusCode.NotFound,
            [new OciError("NoSuchKey", "The specified key does not exist.")],
            $"Bundle '{serviceName}' version '{tag}' is not stored in bucket '{_client.Bucket}' at {_client.Host}.");

    private async Task<(BundleManifest? Manifest, string Digest)?> TryReadStoredForPutAsync(
        string manifestKey, string serviceName, string tag, CancellationToken cancellationToken)
    {
        var bytes = await ReadManifestBytesAsync(manifestKey, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var digest = BundleManifestCodec.Digest(bytes);
        try
        {
            return (BundleManifestCodec.Parse(bytes, manifestKey, serviceName, tag), digest);
        }
        catch (BundleIntegrityException)
        {
            return (null, digest);
        }
    }

    private async Task<StoredManifest?> ReadManifestAsync(
        string manifestKey, string serviceName, string tag, CancellationToken cancellationToken)
    {
        var bytes = await ReadManifestBytesAsync(manifestKey, cancellationToken).ConfigureAwait(false);
        return bytes is null
            ? null
            : new StoredManifest(
                BundleManifestCodec.Parse(bytes, manifestKey, serviceName, tag), BundleManifestCodec.Digest(bytes));
    }

    private async Task<byte[]?> ReadManifestBytesAsync(string manifestKey, CancellationToken cancellationToken)
    {
        var stored = await _client.GetObjectAsync(manifestKey, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        await using (stored.ConfigureAwait(false))
        {
            if (stored.Length > BundleManifestCodec.MaximumManifestBytes)
            {
                throw TooLarge(manifestKey);
            }

            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stored.Content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > BundleManifestCodec.MaximumManifestBytes)
                    {
                        throw TooLarge(manifestKey);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }

        static BundleIntegrityException TooLarge(string key) =>
            new(key, $"The bundle manifest '{key}' is larger than {BundleManifestCodec.MaximumManifestBytes} bytes.");
    }

    private async Task<(int MultipartFiles, int Parts)> UploadFilesAsync(
        ScannedBundle bundle, string prefix, BundlePutOptions options, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxConcurrency,
            CancellationToken = cancellationToken,
        };
        var single = bundle.Files.Where(f => f.File.Size <= options.MultipartThreshold);
        await Parallel.ForEachAsync(single, parallel, async (file, token) =>
        {
            var key = BundleKeys.FileKey(prefix, file.File.Path);
            await _client.PutFileAsync(key, file.FullPath, file.File.ContentType, token).ConfigureAwait(false);
            Log.ObjectUploaded(_logger, key, file.File.Size);
        }).ConfigureAwait(false);

        int files = 0, parts = 0;
        foreach (var file in bundle.Files.Where(f => f.File.Size > options.MultipartThreshold))
        {
            var key = BundleKeys.FileKey(prefix, file.File.Path);
            parts += await UploadInPartsAsync(file, key, options, cancellationToken).ConfigureAwait(false);
            files++;
        }

        return (files, parts);
    }

    private async Task<int> UploadInPartsAsync(
        ScannedFile file, string key, BundlePutOptions options, CancellationToken cancellationToken)
    {
        var size = file.File.Size;
        var partSize = Math.Max(options.PartSize, (size + MaximumParts - 1) / MaximumParts);
        var count = (int)((size + partSize - 1) / partSize);
        Log.MultipartUploadStarting(_logger, key, size, count, partSize);

        var uploadId = await _client.StartMultipartUploadAsync(key, file.File.ContentType, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var parts = new R2UploadedPart[count];
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.MaxConcurrency,
                CancellationToken = cancellationToken,
            };
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (index, token) =>
            {
                var offset = index * partSize;
                var length = Math.Min(partSize, size - offset);
                var etag = await _client.UploadPartAsync(key, uploadId, index + 1, file.FullPath, offset, length, token)
                    .ConfigureAwait(false);
                parts[index] = new R2UploadedPart(index + 1, etag);
                Log.PartUploaded(_logger, index + 1, count, key, length);
            }).ConfigureAwait(false);

            await _client.CompleteMultipartUploadAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
            Log.ObjectUploaded(_logger, key, size);
            return count;
        }
        catch (Exception)
        {
            await AbortQuietlyAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(key, uploadId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RegistryException exception)
        {
            Log.MultipartAbortFailed(_logger, key, exception);
        }
    }

    private async Task DeleteStaleFilesAsync(string prefix, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        await foreach (var item in _client.ListObjectsAsync(prefix + BundleKeys.FilesFolder, cancellationToken)
                           .ConfigureAwait(false))
        {
            if (!wanted.Contains(item.Key))
            {
                stale.Add(item.Key);
            }
        }

        await DeleteKeysAsync(stale, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = TransferConcurrency,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(keys, parallel, async (key, token) =>
        {
            await _client.DeleteObjectAsync(key, token).ConfigureAwait(false);
            Log.ObjectDeleted(_logger, key);
        }).ConfigureAwait(false);
    }

    private async Task DownloadVerifiedAsync(
        string key, BundleFile file, string temporary, CancellationToken cancellationToken)
    {
        var stored = await _client.GetObjectAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new BundleIntegrityException(
                key, $"The bundle file '{key}' that the manifest lists is missing from bucket '{_client.Bucket}'.");
        await using (stored.ConfigureAwait(false))
        {
            if (stored.Length is { } announced && announced != file.Size)
            {
                throw Mismatch(key, file, $"{announced} bytes");
            }

            var output = new FileStream(
                temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
                try
                {
                    long total = 0;
                    int read;
                    while ((read = await stored.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > file.Size)
                        {
                            throw Mismatch(key, file, "more than the manifest's size");
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                    if (total != file.Size || !string.Equals(sha256, file.Sha256, StringComparison.Ordinal))
                    {
                        throw Mismatch(key, file, $"{total} bytes with SHA-256 {sha256}");
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        Log.ObjectDownloaded(_logger, key, file.Size);

        static BundleIntegrityException Mismatch(string key, BundleFile file, string got) =>
            new(
                key,
                $"The bundle file '{key}' does not match its manifest: expected {file.Size} bytes with SHA-256 "
                + $"{file.Sha256}, got {got}.");
    }
}

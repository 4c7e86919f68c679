using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Remembers, per registry host and blob digest, the repositories that most recently held the blob, so that a push
/// can mount it (<c>POST …/blobs/uploads/?mount=&amp;from=</c>) instead of uploading it. Kept in memory and in a
/// small JSON file: read once, merged with the file's current content and replaced atomically (temp file and
/// rename) after an operation that learned something. Bounded in blobs (least recently used dropped first) and in
/// repositories per blob. Holds no credentials. Every file problem is logged and otherwise ignored: the cache only
/// ever saves work, it never fails a push or pull.
/// </summary>
internal sealed class BlobLocationCache
{
    /// <summary>Repositories remembered for one blob, most recent first.</summary>
    public const int MaxRepositoriesPerBlob = 4;

    /// <summary>A cache file larger than this is not read.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private const int FormatVersion = 1;

    private readonly Dictionary<(string Registry, string Digest), Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _fileGate = new(1, 1);
    private readonly string _path;
    private readonly int _maxBlobs;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private bool _loaded;
    private bool _dirty;

    public BlobLocationCache(string path, int maxBlobs, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlobs, 1);
        _path = Path.GetFullPath(path);
        _maxBlobs = maxBlobs;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string FilePath => _path;

    /// <summary>How many blobs are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The default file: <c>$XDG_CACHE_HOME/planton-registry/blob-locations.json</c>, else under <c>~/.cache</c>
    /// (the local application data folder on Windows); null when no home folder is known.
    /// </summary>
    public static string? DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string? root;
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            root = xdg;
        }
        else if (OperatingSystem.IsWindows())
        {
            root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }

        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "planton-registry", "blob-locations.json");
    }

    /// <summary>Reads the file the first time it is called; later calls return at once.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            var onDisk = await ReadFileAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                Merge(onDisk);
                Trim();
                Volatile.Write(ref _loaded, true);
            }
        }
        finally
        {
            _fileGate.Release();
        }
    }

    /// <summary>
    /// Repositories of <paramref name="registry"/> that recently held <paramref name="digest"/>, most recent first,
    /// without <paramref name="exceptRepository"/>.
    /// </summary>
    public IReadOnlyList<string> Candidates(string registry, string digest, string exceptRepository)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(Key(registry, digest), out var entry))
            {
                return [];
            }

            return entry.Repositories
                .Where(r => !string.Equals(r, exceptRepository, StringComparison.Ordinal))
                .ToArray();
        }
    }

    /// <summary>Notes that <paramref name="repository"/> holds <paramref name="digest"/> now.</summary>
    public void Record(string registry, string digest, string repository)
    {
        if (!OciDigest.IsValid(digest) || !OciNames.IsValidRepository(repository))
        {
            return;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var key = Key(registry, digest);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(now);
                _entries[key] = entry;
            }

            entry.Used = Math.Max(entry.Used, now);
            if (entry.Repositories.Count > 0
                && string.Equals(entry.Repositories[0], repository, StringComparison.Ordinal))
            {
                return;
            }

            entry.Repositories.Remove(repository);
            entry.Repositories.Insert(0, repository);
            if (entry.Repositories.Count > MaxRepositoriesPerBlob)
            {
                entry.Repositories.RemoveRange(
                    MaxRepositoriesPerBlob, entry.Repositories.Count - MaxRepositoriesPerBlob);
            }

            _dirty = true;
            Trim();
        }
    }

    /// <summary>
    /// Writes what was learned since the last save: the file's current content (another process may have written
    /// it) merged with the memory, bounded, through a temp file renamed over the old one. Does nothing when nothing
    /// changed.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_dirty)
            {
                return;
            }
        }

        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var onDisk = await ReadFileAsync(cancellationToken).ConfigureAwait(false);
            byte[] content;
            lock (_gate)
            {
                if (!_dirty)
                {
                    return;
                }

                Merge(onDisk);
                Trim();
                content = Serialize();
                _dirty = false;
            }

            await WriteAtomicallyAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DistributionLog.BlobLocationCacheNotWritten(_logger, _path, ex.Message);
        }
        finally
        {
            _fileGate.Release();
        }
    }

    private static (string, string) Key(string registry, string digest) =>
        (registry.ToLowerInvariant(), digest);

    private async Task<Dictionary<(string Registry, string Digest), Entry>> ReadFileAsync(
        CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileInfo(_path);
            if (!file.Exists)
            {
                return [];
            }

            if (file.Length > MaxFileBytes)
            {
                DistributionLog.BlobLocationCacheIgnored(_logger, _path, $"it is larger than {MaxFileBytes} bytes");
                return [];
            }

            var content = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
            return Parse(content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DistributionLog.BlobLocationCacheIgnored(_logger, _path, ex.Message);
            return [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            DistributionLog.BlobLocationCacheIgnored(_logger, _path, "it is not a blob-location cache: " + ex.Message);
            return [];
        }
    }

    /// <summary>Reads the file format; entries with a bad digest or repository name are skipped.</summary>
    private static Dictionary<(string Registry, string Digest), Entry> Parse(byte[] content)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("version", out var version)
            || version.ValueKind != JsonValueKind.Number
            || version.GetInt32() != FormatVersion
            || !root.TryGetProperty("registries", out var registries)
            || registries.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("no version 1 object with \"registries\".");
        }

        var entries = new Dictionary<(string Registry, string Digest), Entry>();
        foreach (var registry in registries.EnumerateObject())
        {
            if (registry.Value.ValueKind != JsonValueKind.Object || registry.Name.Length is 0 or > 255)
            {
                continue;
            }

            foreach (var blob in registry.Value.EnumerateObject())
            {
                if (!OciDigest.IsValid(blob.Name)
                    || blob.Value.ValueKind != JsonValueKind.Object
                    || !blob.Value.TryGetProperty("repositories", out var repositories)
                    || repositories.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var used = blob.Value.TryGetProperty("used", out var usedElement)
                    && usedElement.ValueKind == JsonValueKind.Number
                    && usedElement.TryGetInt64(out var usedValue)
                        ? usedValue
                        : 0;
                var entry = new Entry(used);
                foreach (var repository in repositories.EnumerateArray())
                {
                    var name = repository.ValueKind == JsonValueKind.String ? repository.GetString() : null;
                    if (OciNames.IsValidRepository(name)
                        && !entry.Repositories.Contains(name!)
                        && entry.Repositories.Count < MaxRepositoriesPerBlob)
                    {
                        entry.Repositories.Add(name!);
                    }
                }

                if (entry.Repositories.Count > 0)
                {
                    entries[Key(registry.Name, blob.Name)] = entry;
                }
            }
        }

        return entries;
    }

    /// <summary>Adds entries read from the file; for a blob in both, memory's repositories come first.</summary>
    private void Merge(Dictionary<(string Registry, string Digest), Entry> onDisk)
    {
        foreach (var (key, disk) in onDisk)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = disk;
                continue;
            }

            entry.Used = Math.Max(entry.Used, disk.Used);
            foreach (var repository in disk.Repositories)
            {
                if (entry.Repositories.Count >= MaxRepositoriesPerBlob)
                {
                    break;
                }

                if (!entry.Repositories.Contains(repository))
                {
                    entry.Repositories.Add(repository);
                }
            }
        }
    }

    private void Trim()
    {
        if (_entries.Count <= _maxBlobs)
        {
            return;
        }

        var drop = _entries
            .OrderBy(pair => pair.Value.Used)
            .Take(_entries.Count - _maxBlobs)
            .Select(pair => pair.Key)
            .ToList();
        foreach (var key in drop)
        {
            _entries.Remove(key);
        }
    }

    private byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartObject("registries");
            foreach (var registry in _entries.GroupBy(pair => pair.Key.Registry, StringComparer.Ordinal))
            {
                writer.WriteStartObject(registry.Key);
                foreach (var (key, entry) in registry)
                {
                    writer.WriteStartObject(key.Digest);
                    writer.WriteNumber("used", entry.Used);
                    writer.WriteStartArray("repositories");
                    foreach (var repository in entry.Repositories)
                    {
                        writer.WriteStringValue(repository);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task WriteAtomicallyAsync(byte[] content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var temp = OciLayoutWriter.TempPathFor(_path);
        try
        {
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>One blob: its repositories, most recent first, and when it was last seen (Unix milliseconds).</summary>
    private sealed class Entry
    {
        public Entry(long used)
        {
            Used = used;
        }

        public List<string> Repositories { get; } = [];

        public long Used { get; set; }
    }
}

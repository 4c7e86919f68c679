using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Reads a bundle folder: every regular file below it, its SHA-256, size and module type, and the entry module.
/// Files are hashed as streams; none is read whole into memory.
/// </summary>
internal static class BundleScanner
{
    private const int HintFileLimit = 1024 * 1024;
    private static readonly string[] s_entryCandidates = ["index.js", "worker.js", "index.mjs", "worker.mjs"];

    /// <summary>Scans a folder.</summary>
    /// <param name="sourceDirectory">The bundle folder.</param>
    /// <param name="mainModule">The entry module chosen by the caller, or null to detect it.</param>
    /// <param name="logger">Where to log hints that were ignored.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The files and the entry module.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// The folder is missing or empty, holds a symbolic link or a path that cannot be stored (field <c>Dir</c>), or
    /// no entry module can be found (field <c>MainModule</c>).
    /// </exception>
    public static async Task<ScannedBundle> ScanAsync(
        string sourceDirectory, string? mainModule, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(sourceDirectory))
        {
            throw new RegistryConfigurationException("Dir", "no bundle folder was given.");
        }

        var root = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(root))
        {
            throw new RegistryConfigurationException("Dir", $"'{root}' is not a folder.");
        }

        var found = FindFiles(root);
        if (found.Count == 0)
        {
            throw new RegistryConfigurationException("Dir", $"'{root}' holds no files.");
        }

        var paths = found.Keys.ToHashSet(StringComparer.Ordinal);
        var hints = ReadHints(root, paths, logger);
        var entry = ChooseEntry(root, mainModule, hints.MainModule, paths);

        var files = new List<ScannedFile>(found.Count);
        foreach (var (path, fullPath) in found.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var (size, sha256) = await HashAsync(fullPath, cancellationToken).ConfigureAwait(false);
            var type = BundleFileTypes.Classify(path, hints.JavaScriptIsCommonJs);
            files.Add(new ScannedFile(fullPath, new BundleFile
            {
                Path = path,
                Type = type,
                ContentType = BundleFileTypes.ContentTypeOf(type),
                Size = size,
                Sha256 = sha256,
            }));
        }

        var entryType = files.First(f => f.File.Path == entry).File.Type;
        if (!BundleFileTypes.IsJavaScript(entryType))
        {
            throw new RegistryConfigurationException(
                "MainModule", $"'{entry}' is not a JavaScript module; use a .js, .mjs or .cjs file.");
        }

        return new ScannedBundle(root, files, entry);
    }

    /// <summary>Streams a file through SHA-256.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes read and their SHA-256 as lowercase hexadecimal.</returns>
    internal static async Task<(long Size, string Sha256)> HashAsync(
        string fullPath, CancellationToken cancellationToken)
    {
        var stream = new FileStream(
            fullPath,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
            try
            {
                long size = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    size += read;
                }

                return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static Dictionary<string, string> FindFiles(string root)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
            {
                var path = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    throw new RegistryConfigurationException(
                        "Dir", $"'{path}' is a symbolic link; a bundle holds regular files and folders only.");
                }

                if (entry is DirectoryInfo directory)
                {
                    pending.Push(directory);
                    continue;
                }

                var problem = BundlePaths.Check(path);
                if (problem is not null)
                {
                    throw new RegistryConfigurationException("Dir", $"'{path}' cannot be stored: {problem}.");
                }

                found.Add(path, entry.FullName);
            }
        }

        return found;
    }

    private static (string? MainModule, bool JavaScriptIsCommonJs) ReadHints(
        string root, HashSet<string> paths, ILogger logger)
    {
        string? main = null;
        var commonJs = false;
        if (paths.Contains("metadata.json")
            && TryReadJson(Path.Join(root, "metadata.json"), logger) is { } metadata)
        {
            using (metadata)
            {
                var module = TryGetString(metadata.RootElement, "main_module");
                var body = TryGetString(metadata.RootElement, "body_part");
                commonJs = module is null && body is not null;
                if ((module ?? body) is { } named)
                {
                    if (paths.Contains(Normalize(named)))
                    {
                        main = Normalize(named);
                    }
                    else
                    {
                        Log.HintIgnored(logger, "metadata.json", $"its entry module '{named}' is not in the bundle");
                    }
                }
            }
        }

        if (paths.Contains("package.json")
            && TryReadJson(Path.Join(root, "package.json"), logger) is { } package)
        {
            using (package)
            {
                if (string.Equals(TryGetString(package.RootElement, "type"), "commonjs", StringComparison.Ordinal))
                {
                    commonJs = true;
                }

                if (main is null && TryGetString(package.RootElement, "main") is { } packageMain)
                {
                    var normalized = Normalize(packageMain);
                    if (paths.Contains(normalized))
                    {
                        main = normalized;
                    }
                    else
                    {
                        Log.HintIgnored(logger, "package.json", $"its main '{packageMain}' is not in the bundle");
                    }
                }
            }
        }

        return (main, commonJs);
    }

    private static string ChooseEntry(string root, string? requested, string? hinted, HashSet<string> paths)
    {
        if (requested is not null)
        {
            var normalized = Normalize(requested);
            return paths.Contains(normalized)
                ? normalized
                : throw new RegistryConfigurationException(
                    "MainModule", $"'{requested}' is not a file of the bundle folder '{root}'.");
        }

        if (hinted is not null)
        {
            return hinted;
        }

        return s_entryCandidates.FirstOrDefault(paths.Contains)
            ?? throw new RegistryConfigurationException(
                "MainModule",
                $"no entry module found in '{root}': looked for metadata.json main_module, package.json main, "
                + $"{string.Join(", ", s_entryCandidates)}; name it explicitly (--main).");
    }

    private static string Normalize(string path)
    {
        var normalized = path.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized;
    }

    private static JsonDocument? TryReadJson(string fullPath, ILogger logger)
    {
        var name = Path.GetFileName(fullPath);
        try
        {
            if (new FileInfo(fullPath).Length > HintFileLimit)
            {
                Log.HintIgnored(logger, name, "it is larger than 1 MiB");
                return null;
            }

            return JsonDocument.Parse(File.ReadAllBytes(fullPath));
        }
        catch (JsonException exception)
        {
            Log.HintIgnored(logger, name, "it is not valid JSON: " + exception.Message);
            return null;
        }
    }

    private static string? TryGetString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>Writes manifests, and reads them back refusing anything get could not trust.</summary>
internal static partial class BundleManifestCodec
{
    /// <summary>The largest manifest get will read, 16 MiB; a real one is a few kilobytes.</summary>
    public const int MaximumManifestBytes = 16 * 1024 * 1024;

    /// <summary>Serializes a manifest as indented camelCase UTF-8 JSON.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The bytes to store.</returns>
    public static byte[] Serialize(BundleManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, BundleJsonContext.Default.BundleManifest);

    /// <summary>The digest of a manifest's bytes.</summary>
    /// <param name="bytes">The bytes as stored.</param>
    /// <returns><c>sha256:</c> and 64 lowercase hexadecimal characters.</returns>
    public static string Digest(ReadOnlySpan<byte> bytes) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Parses and checks a stored manifest: schema version, service and tag, and for every file a safe relative
    /// path, a size and a SHA-256; no duplicate path, no file used as a folder, an entry module among the files.
    /// </summary>
    /// <param name="bytes">The stored bytes.</param>
    /// <param name="key">The manifest's object key, for messages.</param>
    /// <param name="serviceName">The service the manifest must describe.</param>
    /// <param name="tag">The tag the manifest must describe.</param>
    /// <returns>The manifest, its files ordered by path.</returns>
    /// <exception cref="BundleIntegrityException">The manifest cannot be trusted.</exception>
    public static BundleManifest Parse(ReadOnlySpan<byte> bytes, string key, string serviceName, string tag)
    {
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, BundleJsonContext.Default.BundleManifest);
        }
        catch (JsonException exception)
        {
            throw new BundleIntegrityException(
                key, $"The bundle manifest '{key}' is not a valid manifest: {exception.Message}", exception);
        }

        if (manifest is null)
        {
            throw Refuse(key, "is empty");
        }

        if (manifest.SchemaVersion != BundleManifest.CurrentSchemaVersion)
        {
            throw Refuse(
                key,
                $"has schema version {manifest.SchemaVersion}; this SDK reads version "
                + $"{BundleManifest.CurrentSchemaVersion}");
        }

        if (!string.Equals(manifest.Service, serviceName, StringComparison.Ordinal)
            || !string.Equals(manifest.Tag, tag, StringComparison.Ordinal))
        {
            throw Refuse(key, $"describes '{manifest.Service}' version '{manifest.Tag}', not '{serviceName}' '{tag}'");
        }

        var files = manifest.Files ?? [];
        if (files.Count == 0)
        {
            throw Refuse(key, "lists no files");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in files)
        {
            if (file is null)
            {
                throw Refuse(key, "lists a null file");
            }

            var problem = BundlePaths.Check(file.Path);
            if (problem is not null)
            {
                throw Refuse(key, $"names the path '{Escape(file.Path)}', which is refused: {problem}");
            }

            if (!seen.Add(file.Path))
            {
                throw Refuse(key, $"names the path '{file.Path}' twice");
            }

            if (file.Size < 0)
            {
                throw Refuse(key, $"gives '{file.Path}' a negative size");
            }

            if (file.Sha256 is null || !Sha256Pattern().IsMatch(file.Sha256))
            {
                throw Refuse(key, $"gives '{file.Path}' a SHA-256 that is not 64 lowercase hexadecimal characters");
            }

            total += file.Size;
        }

        var clash = BundlePaths.FindFileFolderClash(seen);
        if (clash is not null)
        {
            throw Refuse(key, $"uses '{clash}' both as a file and as a folder");
        }

        if (manifest.MainModule is null || !seen.Contains(manifest.MainModule))
        {
            throw Refuse(key, $"names the entry module '{Escape(manifest.MainModule)}', which is not one of its files");
        }

        if (manifest.TotalSize != total)
        {
            throw Refuse(key, $"gives a total size of {manifest.TotalSize} bytes, but its files add up to {total}");
        }

        return new BundleManifest
        {
            SchemaVersion = manifest.SchemaVersion,
            MediaType = manifest.MediaType,
            Service = manifest.Service,
            Tag = manifest.Tag,
            CreatedAt = manifest.CreatedAt,
            MainModule = manifest.MainModule,
            TotalSize = manifest.TotalSize,
            Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)],
        };
    }

    private static BundleIntegrityException Refuse(string key, string what) =>
        new(key, $"The bundle manifest '{key}' {what}.");

    private static string Escape(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }

        var shown = text.Length > 200 ? text[..200] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    [GeneratedRegex("^[0-9a-f]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// The manifest stored as <c>{serviceName}/{tag}/manifest.json</c>: what a deploy step needs to replay the
/// Workers script upload (the entry module, and each file's path, module type and content type) plus what get
/// needs to verify the files (size and SHA-256). Serialized as camelCase JSON.
/// </summary>
internal sealed class BundleManifest
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The media type that names the manifest format.</summary>
    public const string ManifestMediaType = "application/vnd.planton.worker-bundle.manifest.v1+json";

    /// <summary>The schema version, <see cref="CurrentSchemaVersion"/>.</summary>
    public int SchemaVersion { get; init; }

    /// <summary>The media type, <see cref="ManifestMediaType"/>.</summary>
    public string? MediaType { get; init; }

    /// <summary>The Worker script name.</summary>
    public string? Service { get; init; }

    /// <summary>The version.</summary>
    public string? Tag { get; init; }

    /// <summary>When the version was put.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The entry module's path, one of <see cref="Files"/>.</summary>
    public string? MainModule { get; init; }

    /// <summary>The sum of the files' sizes.</summary>
    public long TotalSize { get; init; }

    /// <summary>Every file, ordered by path (ordinal).</summary>
    public IReadOnlyList<BundleFile>? Files { get; init; }

    /// <summary>
    /// Says how <paramref name="other"/> differs from this manifest in content (entry module or files), ignoring
    /// when each was created; null when the content is the same.
    /// </summary>
    /// <param name="other">The manifest to compare with.</param>
    /// <returns>A short description of the difference, or null.</returns>
    public string? DescribeContentDifference(BundleManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = (Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var theirs = (other.Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var changed = mine.Count(pair => !theirs.TryGetValue(pair.Key, out var file) || file != pair.Value);
        var added = theirs.Keys.Count(path => !mine.ContainsKey(path));
        var parts = new List<string>();
        if (changed + added > 0)
        {
            parts.Add(changed + added == 1 ? "1 file differs" : $"{changed + added} files differ");
        }

        if (!string.Equals(MainModule, other.MainModule, StringComparison.Ordinal))
        {
            parts.Add($"entry module '{MainModule}' vs '{other.MainModule}'");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}

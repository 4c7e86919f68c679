namespace Planton.Registry.Sdk.Bundles;

/// <summary>A bundle folder read and hashed, ready to become a manifest.</summary>
/// <param name="Root">The folder's full path.</param>
/// <param name="Files">Every file, ordered by relative path (ordinal).</param>
/// <param name="MainModule">The entry module's relative path.</param>
internal sealed record ScannedBundle(string Root, IReadOnlyList<ScannedFile> Files, string MainModule)
{
    /// <summary>The sum of the files' sizes.</summary>
    public long TotalBytes => Files.Sum(f => f.File.Size);

    /// <summary>Builds the manifest for this bundle.</summary>
    /// <param name="serviceName">The Worker script name.</param>
    /// <param name="tag">The version.</param>
    /// <param name="createdAt">When the put started.</param>
    /// <returns>The manifest.</returns>
    public BundleManifest ToManifest(string serviceName, string tag, DateTimeOffset createdAt) => new()
    {
        SchemaVersion = BundleManifest.CurrentSchemaVersion,
        MediaType = BundleManifest.ManifestMediaType,
        Service = serviceName,
        Tag = tag,
        CreatedAt = createdAt,
        MainModule = MainModule,
        TotalSize = TotalBytes,
        Files = [.. Files.Select(f => f.File)],
    };
}

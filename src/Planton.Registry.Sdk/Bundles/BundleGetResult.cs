namespace Planton.Registry.Sdk.Bundles;

/// <summary>What <see cref="IWorkerBundleStore.GetAsync"/> wrote.</summary>
public sealed record BundleGetResult
{
    /// <summary>The Worker script name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The version.</summary>
    public required string Tag { get; init; }

    /// <summary>The full path of the folder the files were written to.</summary>
    public required string Directory { get; init; }

    /// <summary>The digest of the manifest's bytes, <c>sha256:</c> and 64 hexadecimal characters.</summary>
    public required string ManifestDigest { get; init; }

    /// <summary>When the version was put, as its manifest records it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The entry module's path.</summary>
    public required string MainModule { get; init; }

    /// <summary>Every file written, each verified against its size and SHA-256.</summary>
    public required IReadOnlyList<BundleFile> Files { get; init; }

    /// <summary>The sum of the files' sizes in bytes.</summary>
    public required long TotalBytes { get; init; }
}

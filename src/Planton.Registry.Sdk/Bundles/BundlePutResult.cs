namespace Planton.Registry.Sdk.Bundles;

/// <summary>What <see cref="IWorkerBundleStore.PutAsync"/> stored.</summary>
public sealed record BundlePutResult
{
    /// <summary>The Worker script name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The version.</summary>
    public required string Tag { get; init; }

    /// <summary>The bucket the version lives in.</summary>
    public required string Bucket { get; init; }

    /// <summary>The key prefix of the version, <c>{serviceName}/{tag}/</c>.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>The digest of the stored manifest's bytes, <c>sha256:</c> and 64 hexadecimal characters.</summary>
    public required string ManifestDigest { get; init; }

    /// <summary>The entry module's path.</summary>
    public required string MainModule { get; init; }

    /// <summary>Every file of the version, ordered by path.</summary>
    public required IReadOnlyList<BundleFile> Files { get; init; }

    /// <summary>The sum of the files' sizes in bytes.</summary>
    public required long TotalBytes { get; init; }

    /// <summary>
    /// True when the version was already stored with the same files and entry module, so nothing was uploaded
    /// and <see cref="ManifestDigest"/> is the digest of the manifest already stored.
    /// </summary>
    public required bool AlreadyStored { get; init; }

    /// <summary>True when a version stored with other content was replaced because Force was set.</summary>
    public required bool Replaced { get; init; }

    /// <summary>How many files went up as multipart uploads.</summary>
    public required int MultipartFiles { get; init; }

    /// <summary>How many parts those multipart uploads sent in all.</summary>
    public required int PartsUploaded { get; init; }
}

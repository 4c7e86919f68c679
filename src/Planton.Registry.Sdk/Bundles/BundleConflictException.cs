namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// A put would change a version that is already stored with other content. Versions are immutable: put the
/// bundle under a new tag, or set <see cref="BundlePutOptions.Force"/> to replace it.
/// </summary>
public sealed class BundleConflictException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceName">The Worker script name.</param>
    /// <param name="tag">The version.</param>
    /// <param name="bucket">The bucket that holds the version.</param>
    /// <param name="storedManifestDigest">The digest of the manifest already stored.</param>
    /// <param name="reason">What differs, such as <c>2 files differ</c>.</param>
    public BundleConflictException(
        string serviceName, string tag, string bucket, string storedManifestDigest, string reason)
        : base(
            $"Bundle '{serviceName}' version '{tag}' is already stored in bucket '{bucket}' with other content "
            + $"({reason}; stored manifest {storedManifestDigest}). Versions are immutable: use a new tag, "
            + "or force the put (--force) to replace it.")
    {
        ServiceName = serviceName;
        Tag = tag;
        Bucket = bucket;
        StoredManifestDigest = storedManifestDigest;
    }

    /// <summary>The Worker script name.</summary>
    public string ServiceName { get; }

    /// <summary>The version.</summary>
    public string Tag { get; }

    /// <summary>The bucket that holds the version.</summary>
    public string Bucket { get; }

    /// <summary>The digest of the manifest already stored, <c>sha256:</c> and 64 hexadecimal characters.</summary>
    public string StoredManifestDigest { get; }
}

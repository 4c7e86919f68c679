namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// A stored bundle cannot be trusted: its manifest is malformed or names a path outside the target folder, or a
/// downloaded file does not match the size or SHA-256 the manifest records. Nothing of the bundle is left in the
/// target folder when this is thrown.
/// </summary>
public sealed class BundleIntegrityException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The object key at fault (a manifest or a file).</param>
    /// <param name="message">What does not match; never a secret.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    public BundleIntegrityException(string key, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>The object key at fault.</summary>
    public string Key { get; }
}

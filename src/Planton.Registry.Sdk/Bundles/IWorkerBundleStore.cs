namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Stores Cloudflare Worker script bundles (the folder a Worker build writes) in an R2 bucket, one immutable
/// version per service name and tag, each described by a manifest that lets a deploy step replay the Workers
/// upload. Create one with <see cref="WorkerBundleStore.Create"/>. Instances are thread-safe.
/// </summary>
/// <remarks>
/// Bucket layout: <c>{serviceName}/{tag}/manifest.json</c> and <c>{serviceName}/{tag}/files/{relative path}</c>.
/// A version is complete exactly when its manifest exists: put writes the manifest after every file, and
/// delete removes it before any file, so a reader never sees a half-written or half-deleted version.
/// </remarks>
public interface IWorkerBundleStore : IDisposable
{
    /// <summary>
    /// Uploads every file under <paramref name="sourceDirectory"/> and then the manifest. Putting the same content
    /// again is a no-op; putting other content under a stored version is refused unless
    /// <see cref="BundlePutOptions.Force"/> is set.
    /// </summary>
    /// <param name="serviceName">The Worker script name: 1–63 lowercase letters, digits, <c>-</c>, <c>_</c>.</param>
    /// <param name="tag">The version, usually the commit SHA: the OCI tag grammar, 1–128 characters.</param>
    /// <param name="sourceDirectory">The bundle folder; every regular file in it and below is stored.</param>
    /// <param name="options">Entry module, force and multipart settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the upload; a multipart upload in flight is aborted.</param>
    /// <returns>What was stored, or what was already stored identically.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// The name, tag, folder, entry module or options are invalid (fields <c>Name</c>, <c>Tag</c>, <c>Dir</c>,
    /// <c>MainModule</c>, <c>PartSize</c>, ...).
    /// </exception>
    /// <exception cref="BundleConflictException">The version is stored with other content and Force is off.</exception>
    /// <exception cref="RegistryAuthenticationException">R2 refused the key or the permission.</exception>
    /// <exception cref="RegistryRequestFailedException">R2 failed the request or could not be reached.</exception>
    Task<BundlePutResult> PutAsync(
        string serviceName,
        string tag,
        string sourceDirectory,
        BundlePutOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a stored version into <paramref name="targetDirectory"/>, verifying every file's size and SHA-256
    /// against the manifest. Files are written to temporary names and renamed into place only after every file
    /// has been verified, so a failed get leaves no partial file behind. Files already in the folder that the
    /// bundle does not name are left alone.
    /// </summary>
    /// <param name="serviceName">The Worker script name.</param>
    /// <param name="tag">The version.</param>
    /// <param name="targetDirectory">The folder to write into; created when missing.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The files written and the manifest they were verified against.</returns>
    /// <exception cref="RegistryConfigurationException">The name, tag or folder is invalid.</exception>
    /// <exception cref="RegistryRequestFailedException">
    /// The version is not stored (<see cref="RegistryRequestFailedException.IsNotFound"/>), or R2 failed.
    /// </exception>
    /// <exception cref="BundleIntegrityException">
    /// The manifest is malformed, names a path outside the folder, or a file does not match it.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">R2 refused the key or the permission.</exception>
    Task<BundleGetResult> GetAsync(
        string serviceName,
        string tag,
        string targetDirectory,
        CancellationToken cancellationToken = default);

    /// <summary>Lists the complete versions of a service, newest first, following every page of the listing.</summary>
    /// <param name="serviceName">The Worker script name.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The versions; empty when the service has none.</returns>
    /// <exception cref="RegistryConfigurationException">The name is invalid.</exception>
    /// <exception cref="RegistryAuthenticationException">R2 refused the key or the permission.</exception>
    /// <exception cref="RegistryRequestFailedException">R2 failed the request or could not be reached.</exception>
    Task<IReadOnlyList<BundleVersion>> ListAsync(string serviceName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every object of a version, the manifest first so that the version stops being complete before any
    /// file goes. Also removes the leftovers of an interrupted put or delete of that version.
    /// </summary>
    /// <param name="serviceName">The Worker script name.</param>
    /// <param name="tag">The version.</param>
    /// <param name="cancellationToken">Cancels the deletion; objects already deleted stay deleted.</param>
    /// <returns>How many objects were deleted.</returns>
    /// <exception cref="RegistryConfigurationException">The name or tag is invalid.</exception>
    /// <exception cref="RegistryRequestFailedException">
    /// Nothing is stored under that version (<see cref="RegistryRequestFailedException.IsNotFound"/>), or R2 failed.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">R2 refused the key or the permission.</exception>
    Task<BundleDeleteResult> DeleteAsync(string serviceName, string tag, CancellationToken cancellationToken = default);
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Pushes and pulls images over the OCI Distribution API
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md"/>) from and to OCI image
/// layout directories, without a Docker daemon. Blobs are streamed from and to files, never held in memory, and
/// every digest is verified. Credentials go only to the registry and its validated token service.
/// </summary>
public interface IOciRegistryClient
{
    /// <summary>
    /// Pushes the image that <paramref name="layout"/> names and tags it. With one entry in <c>index.json</c>
    /// that entry is pushed; with several, the one whose <c>org.opencontainers.image.ref.name</c> is
    /// <see cref="PushOptions.LayoutReference"/>, or else the whole <c>index.json</c> as an image index. Blobs the
    /// registry already has are skipped; the rest are uploaded in parallel; manifests go last.
    /// </summary>
    /// <param name="endpoint">The registry.</param>
    /// <param name="credentials">
    /// Gives the credential for <see cref="RegistryAccess.PullPush"/> access; a source that gives null means anonymous.
    /// </param>
    /// <param name="repository">The repository path, such as <c>team/service</c>.</param>
    /// <param name="layout">The image layout to push from.</param>
    /// <param name="tag">The tag to point at the pushed manifest.</param>
    /// <param name="options">Push settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The digest, size and media type of what the tag now points at, and the blob counts.</returns>
    /// <exception cref="ArgumentException">The repository or tag breaks the distribution spec's grammar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="OciLayoutException">
    /// The layout lacks the reference, a manifest or a blob, or a file does not match its descriptor.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">
    /// The registry or its token service refused the credentials or the access.
    /// </exception>
    /// <exception cref="RegistryRequestFailedException">
    /// The registry failed a request, or answered with a digest other than the one sent.
    /// </exception>
    Task<PushResult> PushAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        OciImageLayout layout,
        string tag,
        PushOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Pulls a tag or digest into an image layout directory (created when missing): the manifest, or the image
    /// index and every child manifest (or only <see cref="PullOptions.Platform"/>'s), the configs and the layers.
    /// Every manifest and blob is checked against its digest and size before it is renamed into place; blobs the
    /// layout already has are not downloaded. <c>index.json</c> keeps its other entries.
    /// </summary>
    /// <param name="endpoint">The registry.</param>
    /// <param name="credentials">
    /// Gives the credential for <see cref="RegistryAccess.Pull"/> access; a source that gives null means anonymous.
    /// </param>
    /// <param name="repository">The repository path.</param>
    /// <param name="tagOrDigest">A tag, or a digest such as <c>sha256:…</c>.</param>
    /// <param name="layoutDirectory">The image layout directory to write.</param>
    /// <param name="options">Pull settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <returns>What <c>index.json</c> now names, and what was downloaded.</returns>
    /// <exception cref="ArgumentException">The repository, tag or digest is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="OciLayoutException">
    /// The directory holds a layout that is corrupt or of another version.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">
    /// The registry or its token service refused the credentials or the access.
    /// </exception>
    /// <exception cref="RegistryRequestFailedException">
    /// The registry failed a request (<see cref="RegistryRequestFailedException.IsNotFound"/> for a missing
    /// repository, tag or blob), or sent content that does not match its digest or size.
    /// </exception>
    Task<PullResult> PullAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        string layoutDirectory,
        PullOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>Checks with a HEAD request whether a manifest exists.</summary>
    /// <param name="endpoint">The registry.</param>
    /// <param name="credentials">Gives the credential for <see cref="RegistryAccess.Pull"/>.</param>
    /// <param name="repository">The repository path.</param>
    /// <param name="tagOrDigest">A tag or a digest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when the registry has it; false when the repository or manifest is unknown.</returns>
    /// <exception cref="ArgumentException">The repository, tag or digest is malformed.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials or access.</exception>
    /// <exception cref="RegistryRequestFailedException">The registry failed the request for another reason.</exception>
    Task<bool> ManifestExistsAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves a tag to the digest of its manifest with a HEAD request (<c>Docker-Content-Digest</c>), falling
    /// back to a GET and hashing the manifest when the registry sends no digest header.
    /// </summary>
    /// <param name="endpoint">The registry.</param>
    /// <param name="credentials">Gives the credential for <see cref="RegistryAccess.Pull"/>.</param>
    /// <param name="repository">The repository path.</param>
    /// <param name="tagOrDigest">A tag or a digest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The manifest's digest, or null when the repository or manifest is unknown.</returns>
    /// <exception cref="ArgumentException">The repository, tag or digest is malformed.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials or access.</exception>
    /// <exception cref="RegistryRequestFailedException">The registry failed the request for another reason.</exception>
    Task<string?> ResolveDigestAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        CancellationToken cancellationToken = default);
}

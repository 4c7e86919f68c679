using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Images;

/// <summary>
/// The image jobs of a connection: push an OCI image layout to the connection's registry under
/// <c>&lt;registry-host&gt;/&lt;repository-path&gt;:&lt;tag&gt;</c>, and pull an image back into a layout.
/// Credentials go only to the connection's own registry.
/// </summary>
public interface IImageTransfer
{
    /// <summary>Pushes the image of an OCI image layout directory and tags it.</summary>
    /// <param name="provider">The connection's provider.</param>
    /// <param name="layoutDirectory">An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>,
    /// <c>blobs/</c>).</param>
    /// <param name="image">The image name, such as <c>billing-api</c>; the provider adds its prefix.</param>
    /// <param name="tag">The tag, usually the commit SHA.</param>
    /// <param name="options">Transfer options; the provider's rules (ECR: one blob at a time) apply on top.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The reference pushed and the manifest's digest.</returns>
    /// <exception cref="RegistryConfigurationException">The image, tag or layout is invalid, or the connection stores
    /// no images.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials or the push.</exception>
    /// <exception cref="RegistryRequestFailedException">The registry failed a request.</exception>
    Task<ImagePushResult> PushAsync(
        IRegistryProvider provider,
        string layoutDirectory,
        string image,
        string tag,
        PushOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Pulls an image of the connection's registry into an OCI image layout directory, verifying every digest.
    /// </summary>
    /// <param name="provider">The connection's provider.</param>
    /// <param name="reference">The image; its registry must be the connection's registry.</param>
    /// <param name="layoutDirectory">The layout directory; created when missing, other images in it are kept.</param>
    /// <param name="options">Transfer options.</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <returns>The manifest's digest and what was downloaded.</returns>
    /// <exception cref="RegistryConfigurationException">The reference names another registry than the
    /// connection's.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials.</exception>
    /// <exception cref="RegistryRequestFailedException">The image does not exist (<c>IsNotFound</c>) or a request
    /// failed.</exception>
    Task<ImagePullResult> PullAsync(
        IRegistryProvider provider,
        ImageReference reference,
        string layoutDirectory,
        PullOptions? options = null,
        CancellationToken cancellationToken = default);
}

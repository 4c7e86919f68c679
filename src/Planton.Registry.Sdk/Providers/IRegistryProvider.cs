using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Providers;

/// <summary>
/// One validated connection, as its provider sees it: where its registry is, how references are built there,
/// where credentials come from and which transfer rules the registry needs. Knows its cloud; knows no HTTP.
/// </summary>
public interface IRegistryProvider
{
    /// <summary>The connection's name.</summary>
    string ConnectionName { get; }

    /// <summary>The provider.</summary>
    RegistryProviderKind Kind { get; }

    /// <summary>
    /// The artifact format the connection serves (images, npm, Maven; R2 bundles report none of these).
    /// </summary>
    ArtifactFormat? Format { get; }

    /// <summary>True when the connection stores container images.</summary>
    bool SupportsImages { get; }

    /// <summary>Plain http is accepted for non-loopback hosts.</summary>
    bool AllowInsecureHttp { get; }

    /// <summary>
    /// The registry's base URI (<c>https://host[:port]</c>), after any <c>RegistryUrl</c> override.
    /// </summary>
    /// <exception cref="RegistryConfigurationException">The connection does not store images.</exception>
    Uri RegistryUri { get; }

    /// <summary>
    /// The registry host with its port, as references show it (<c>ghcr.io</c>, <c>127.0.0.1:5001</c>).
    /// </summary>
    /// <exception cref="RegistryConfigurationException">The connection does not store images.</exception>
    string RegistryHost { get; }

    /// <summary>Where this connection's credentials come from.</summary>
    IRegistryCredentialSource Credentials { get; }

    /// <summary>How blobs should travel to this registry.</summary>
    TransferRules TransferRules { get; }

    /// <summary>
    /// The repository path of an image in this connection, with the provider's prefix (project and repository for
    /// GAR, repository key for JFrog path mode, owner for GHCR, the prefix of an OCI registry).
    /// </summary>
    /// <param name="image">The image name, such as <c>billing-api</c> or <c>team/billing-api</c>.</param>
    /// <returns>The repository path.</returns>
    /// <exception cref="RegistryConfigurationException">The image name is not a valid repository path.</exception>
    string GetRepositoryPath(string image);

    /// <summary>
    /// Builds <c>&lt;registry-host&gt;/&lt;repository-path&gt;:&lt;tag&gt;</c> for an image of this connection.
    /// </summary>
    /// <param name="image">The image name.</param>
    /// <param name="tag">The tag, usually the commit SHA; checked against the tag grammar.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="RegistryConfigurationException">The connection does not store images, or the image or tag is
    /// invalid.</exception>
    ImageReference BuildImageReference(string image, string tag);
}

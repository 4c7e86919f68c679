namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// The lookups behind a docker credential helper (<c>docker-credential-planton</c>,
/// <see href="https://github.com/docker/docker-credential-helpers"/>) over the configured connections, so that
/// docker, podman, skopeo, buildah and kaniko get a fresh credential for every pull and push, past any token's
/// expiry.
/// </summary>
public interface IDockerCredentialHelper
{
    /// <summary>Finds the connection whose registry host is the server URL's and gets its credential.</summary>
    /// <param name="serverUrl">What docker sends: <c>host</c>, <c>host:port</c>, <c>https://host</c> or
    /// <c>https://host/v2/</c>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The credential, or null when no connection serves that host (or it has no credentials).</returns>
    /// <exception cref="RegistryAuthenticationException">The provider's token service refused the connection's
    /// secret.</exception>
    /// <exception cref="RegistryRequestFailedException">The token service failed otherwise, or could not be
    /// reached.</exception>
    Task<DockerCredentialHelperCredential?> GetAsync(string serverUrl, CancellationToken cancellationToken = default);

    /// <summary>Lists the registry hosts of the connections with credentials, and their user names, with no
    /// exchange.</summary>
    /// <returns>Registry host to user name.</returns>
    IReadOnlyDictionary<string, string> List();
}

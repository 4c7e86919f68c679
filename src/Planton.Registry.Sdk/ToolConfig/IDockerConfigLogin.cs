namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// <c>docker login</c> for a configured connection without docker: gets the connection's registry credential
/// (through its cloud token exchange where it has one), checks it against the registry as <c>docker login</c> does,
/// and merges it into a docker <c>config.json</c> with <see cref="DockerConfigWriter"/>.
/// </summary>
public interface IDockerConfigLogin
{
    /// <summary>Logs the connection's registry in, after checking the credential against the registry.</summary>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="configPath">The <c>config.json</c>; null for <see
    /// cref="DockerConfigWriter.GetDefaultPath()"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange or the write.</param>
    /// <returns>The hosts written, the user, and when the credential expires.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// No connection has that name, it is invalid, it does not store images or has no credentials, or the existing
    /// file is not a JSON object.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">The provider's token service, the registry or its token
    /// service refused the connection's secret; nothing was written.</exception>
    /// <exception cref="RegistryRequestFailedException">The token service or the registry failed otherwise, or could
    /// not be reached; nothing was written.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    Task<DockerConfigLoginResult> LoginAsync(
        string connectionName, string? configPath = null, CancellationToken cancellationToken = default);

    /// <summary>Logs the connection's registry in, checking the credential first unless told not to.</summary>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="configPath">The <c>config.json</c>; null for <see
    /// cref="DockerConfigWriter.GetDefaultPath()"/>.</param>
    /// <param name="verify">True to check the credential against the registry before writing it (an authenticated
    /// <c>GET /v2/</c>, after a registry-wide token where the registry wants Bearer tokens); false to write it
    /// unchecked.</param>
    /// <param name="cancellationToken">Cancels the exchange, the check or the write.</param>
    /// <returns>The hosts written, the user, and when the credential expires.</returns>
    /// <exception cref="RegistryConfigurationException">As for the overload without <paramref
    /// name="verify"/>.</exception>
    /// <exception cref="RegistryAuthenticationException">The credential was refused; nothing was written.</exception>
    /// <exception cref="RegistryRequestFailedException">A service failed or could not be reached; nothing was
    /// written.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    Task<DockerConfigLoginResult> LoginAsync(
        string connectionName, string? configPath, bool verify, CancellationToken cancellationToken = default);
}

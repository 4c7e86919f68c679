namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// <c>docker login</c> for a configured connection without docker: gets the connection's registry credential (through
/// its cloud token exchange where it has one) and merges it into a docker <c>config.json</c> with
/// <see cref="DockerConfigWriter"/>.
/// </summary>
public interface IDockerConfigLogin
{
    /// <summary>Logs the connection's registry in.</summary>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="configPath">The <c>config.json</c>; null for <see
    /// cref="DockerConfigWriter.GetDefaultPath()"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange or the write.</param>
    /// <returns>The hosts written, the user, and when the credential expires.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// No connection has that name, it is invalid, it does not store images or has no credentials, or the existing
    /// file is not a JSON object.
    /// </exception>
    /// <exception cref="RegistryAuthenticationException">The provider's token service refused the connection's
    /// secret.</exception>
    /// <exception cref="RegistryRequestFailedException">The token service failed otherwise, or could not be
    /// reached.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    Task<DockerConfigLoginResult> LoginAsync(
        string connectionName, string? configPath = null, CancellationToken cancellationToken = default);
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Diagnostics;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary><see cref="IDockerConfigLogin"/> over the configured connections.</summary>
internal sealed class DockerConfigLogin : IDockerConfigLogin
{
    private readonly IRegistryConnections _connections;
    private readonly TimeProvider _timeProvider;
    private readonly IRegistryLoginVerifier _verifier;

    public DockerConfigLogin(
        IRegistryConnections connections, TimeProvider timeProvider, IRegistryLoginVerifier verifier)
    {
        _connections = connections;
        _timeProvider = timeProvider;
        _verifier = verifier;
    }

    public Task<DockerConfigLoginResult> LoginAsync(
        string connectionName, string? configPath = null, CancellationToken cancellationToken = default) =>
        LoginAsync(connectionName, configPath, verify: true, cancellationToken);

    public async Task<DockerConfigLoginResult> LoginAsync(
        string connectionName, string? configPath, bool verify, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionName);
        var provider = _connections.Get(connectionName);
        var (credential, hosts) = await RegistryLoginCredential.GetAsync(provider, cancellationToken)
            .ConfigureAwait(false);
        if (credential is null)
        {
            throw new RegistryConfigurationException(
                "Provider",
                $"The connection '{connectionName}' has no credentials ({provider.Kind} without a user name); "
                + "docker needs no login for it.");
        }

        if (verify)
        {
            await _verifier.VerifyLoginAsync(provider, credential, cancellationToken).ConfigureAwait(false);
        }

        var path = string.IsNullOrWhiteSpace(configPath) ? DockerConfigWriter.GetDefaultPath() : configPath;
        var entries = hosts.Select(h => new DockerConfigAuth(h, credential)).ToList();
        var write = await DockerConfigWriter.WriteAsync(path, entries, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        return new DockerConfigLoginResult(write, credential.Username, credential.ExpiresOn);
    }
}

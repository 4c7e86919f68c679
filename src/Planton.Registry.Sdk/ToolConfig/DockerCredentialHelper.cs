using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// <see cref="IDockerCredentialHelper"/> over <see cref="IRegistryConnections"/>: connections that are invalid or
/// store no images are passed over; when several connections share a host, the first by name wins.
/// </summary>
internal sealed class DockerCredentialHelper : IDockerCredentialHelper
{
    private readonly IRegistryConnections _connections;

    public DockerCredentialHelper(IRegistryConnections connections)
    {
        _connections = connections;
    }

    /// <summary>
    /// The registry host of a server URL as docker sends it: white space trimmed, an <c>http://</c> or
    /// <c>https://</c> scheme and any path dropped, lowercased; empty when nothing is left.
    /// </summary>
    public static string NormalizeServerUrl(string serverUrl)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        var text = serverUrl.Trim();
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text[scheme.Length..];
                break;
            }
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }

    public async Task<DockerCredentialHelperCredential?> GetAsync(
        string serverUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        var host = NormalizeServerUrl(serverUrl);
        if (host.Length == 0)
        {
            return null;
        }

        foreach (var provider in ImageProviders())
        {
            if (!string.Equals(provider.RegistryHost, host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var (credential, _) = await RegistryLoginCredential.GetAsync(provider, cancellationToken)
                .ConfigureAwait(false);
            return credential is null
                ? null
                : new DockerCredentialHelperCredential(
                    serverUrl.Trim(), credential.Username, credential.Password, credential.ExpiresOn);
        }

        return null;
    }

    public IReadOnlyDictionary<string, string> List()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in ImageProviders())
        {
            if (provider.Credentials is IKnownUsernameSource { KnownUsername: { } username })
            {
                result.TryAdd(provider.RegistryHost, username);
            }
        }

        return result;
    }

    private IEnumerable<IRegistryProvider> ImageProviders()
    {
        foreach (var name in _connections.Names.Order(StringComparer.Ordinal))
        {
            IRegistryProvider provider;
            try
            {
                provider = _connections.Get(name);
            }
            catch (RegistryConfigurationException)
            {
                continue;
            }

            if (provider.SupportsImages)
            {
                yield return provider;
            }
        }
    }
}

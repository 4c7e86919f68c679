using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>The registry-wide credential of a connection, as docker logins store it, and the hosts it is for.</summary>
internal static class RegistryLoginCredential
{
    /// <summary>
    /// Gets the credential for the whole registry and the hosts to store it under: the provider's registry host and,
    /// for ECR without <c>RegistryUrl</c>, the host of <c>proxyEndpoint</c> when it differs.
    /// </summary>
    /// <returns>The credential (null for an anonymous connection) and the hosts, the provider's first.</returns>
    public static async Task<(RegistryCredential? Credential, IReadOnlyList<string> Hosts)> GetAsync(
        IRegistryProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var host = provider.RegistryHost;
        if (provider.Credentials is ExchangingCredentialSource exchanging)
        {
            var exchanged = await exchanging.GetExchangedAsync(cancellationToken).ConfigureAwait(false);
            var hosts = new List<string> { host };
            if (exchanged.Endpoint is { } endpoint
                && !string.Equals(endpoint.Authority, host, StringComparison.OrdinalIgnoreCase))
            {
                hosts.Add(endpoint.Authority);
            }

            return (exchanged.Credential, hosts);
        }

        var credential = await provider.Credentials
            .GetCredentialAsync(new RegistryScope(host, null, RegistryAccess.PullPush), cancellationToken)
            .ConfigureAwait(false);
        return (credential, [host]);
    }
}

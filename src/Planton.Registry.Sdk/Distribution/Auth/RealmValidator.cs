namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Decides whether a Bearer challenge's realm may receive the registry credentials. Checked before any credential
/// is looked up, so that a hostile or misconfigured registry cannot send them to a host of its choosing.
/// </summary>
internal static class RealmValidator
{
    /// <summary>
    /// Returns the realm as a URI, or throws <see cref="RegistryAuthenticationException"/> when it is missing,
    /// not http(s), plain http to a host that is not loopback (unless the endpoint allows insecure http), or on a
    /// host other than the registry's (the port may differ) and not in <paramref name="trustedRealmHosts"/>.
    /// </summary>
    public static Uri Validate(
        RegistryEndpoint endpoint, AuthenticationChallenge challenge, IEnumerable<string> trustedRealmHosts)
    {
        var realm = challenge.Realm;
        if (string.IsNullOrWhiteSpace(realm)
            || !Uri.TryCreate(realm, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new RegistryAuthenticationException(
                $"The registry {endpoint.Host} asked for a token without a usable realm URL; "
                + "no credentials were sent.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !endpoint.AllowInsecureHttp && !HostNames.IsLoopback(uri.Host))
        {
            throw new RegistryAuthenticationException(
                $"The registry {endpoint.Host} named the token service {uri.Authority} on plain http; no credentials "
                + "were sent. Plain http is accepted only for loopback hosts or when AllowInsecureHttp is true.");
        }

        var sameHost = string.Equals(uri.IdnHost, endpoint.BaseUri.IdnHost, StringComparison.OrdinalIgnoreCase);
        if (!sameHost && !trustedRealmHosts.Any(h => string.Equals(h, uri.IdnHost, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RegistryAuthenticationException(
                $"The registry {endpoint.Host} named the token service host {uri.IdnHost}, which is neither the "
                + "registry's host nor listed in TrustedRealmHosts; no credentials were sent.");
        }

        return uri;
    }
}

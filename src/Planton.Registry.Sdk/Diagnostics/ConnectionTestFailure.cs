namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>What a connection test found wrong: the first check that failed decides it.</summary>
public enum ConnectionTestFailure
{
    /// <summary>Every check passed: the connection may push.</summary>
    None = 0,

    /// <summary>
    /// The registry cannot be reached or is not a registry: the name does not resolve, nothing listens on the port,
    /// the TLS handshake or certificate fails, <c>/v2/</c> is not the OCI Distribution API, or the registry or its
    /// token service fails.
    /// </summary>
    Host,

    /// <summary>The registry or its token service refused the connection's credentials, or none were given.</summary>
    Credentials,

    /// <summary>The credentials are accepted, but they may not push to the repository.</summary>
    Permission,

    /// <summary>The repository does not exist, and the registry does not create it on push.</summary>
    Repository,
}

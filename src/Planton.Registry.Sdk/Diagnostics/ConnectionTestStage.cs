namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>The checks of a connection test, in the order they run.</summary>
public enum ConnectionTestStage
{
    /// <summary>The registry's host name resolves to addresses.</summary>
    Dns = 1,

    /// <summary>A TCP connection to the registry's port opens.</summary>
    Tcp,

    /// <summary>The TLS handshake completes with a trusted certificate for the host (https only).</summary>
    Tls,

    /// <summary><c>GET /v2/</c> answers as a registry: 200, or 401 with an authentication challenge.</summary>
    Registry,

    /// <summary>
    /// The connection's credentials are obtained (a cloud token exchange, where the provider has one) and the
    /// registry accepts them: an authenticated <c>GET /v2/</c>, after a token for
    /// <c>repository:NAME:pull,push</c> where the registry wants Bearer tokens.
    /// </summary>
    Credentials,

    /// <summary>
    /// An upload session opens in the repository (<c>POST /v2/NAME/blobs/uploads/</c>) and is cancelled.
    /// </summary>
    Permission,

    /// <summary>The repository exists, or the registry creates it on the first push.</summary>
    Repository,
}

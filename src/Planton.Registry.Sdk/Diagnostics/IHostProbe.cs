using System.Net;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>The socket-level checks of a connection test: a seam so that unit tests need no network.</summary>
internal interface IHostProbe
{
    /// <summary>Resolves a host name (an address literal resolves to itself).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The name does not resolve.</exception>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);

    /// <summary>Opens and closes a TCP connection to the first address that answers; returns that address.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">No address accepted the connection.</exception>
    Task<IPAddress> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken);

    /// <summary>
    /// Completes a TLS handshake with <paramref name="host"/> at an address and reports what was negotiated and how
    /// the certificate validated against the system's trust store. Sends nothing over the connection.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed.</exception>
    /// <exception cref="IOException">The connection broke during the handshake.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The connection could not be opened.</exception>
    Task<TlsProbeResult> HandshakeAsync(
        IPAddress address, int port, string host, CancellationToken cancellationToken);
}

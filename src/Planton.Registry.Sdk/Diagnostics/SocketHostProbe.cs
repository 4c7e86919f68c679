using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// <see cref="IHostProbe"/> over the system's resolver and sockets. The TLS handshake records the certificate's
/// validation errors instead of failing on them, so that the report can say what is wrong with it; the connection is
/// closed right after the handshake, and nothing is sent over it.
/// </summary>
internal sealed class SocketHostProbe : IHostProbe
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IPAddress> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
                return address;
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public async Task<TlsProbeResult> HandshakeAsync(
        IPAddress address, int port, string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(host);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
        var errors = SslPolicyErrors.None;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        await using (stream.ConfigureAwait(false))
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = (_, _, _, policyErrors) =>
                {
                    errors = policyErrors;
                    return true;
                },
            };
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            var certificate = stream.RemoteCertificate;
            DateTimeOffset? notAfter = certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 c
                ? new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero)
                : null;
            return new TlsProbeResult(stream.SslProtocol, certificate?.Subject, notAfter, errors);
        }
    }
}

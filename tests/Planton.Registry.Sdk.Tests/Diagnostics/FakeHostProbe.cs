using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Planton.Registry.Sdk.Diagnostics;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>An <see cref="IHostProbe"/> without sockets: every host resolves to 127.0.0.1 and accepts.</summary>
internal sealed class FakeHostProbe : IHostProbe
{
    public SocketError? ResolveError { get; set; }

    public SocketError? ConnectError { get; set; }

    public SslPolicyErrors CertificateErrors { get; set; }

    public Action? OnProbe { get; set; }

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        OnProbe?.Invoke();
        return ResolveError is { } error
            ? Task.FromException<IReadOnlyList<IPAddress>>(new SocketException((int)error))
            : Task.FromResult<IReadOnlyList<IPAddress>>([IPAddress.Loopback]);
    }

    public Task<IPAddress> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        OnProbe?.Invoke();
        return ConnectError is { } error
            ? Task.FromException<IPAddress>(new SocketException((int)error))
            : Task.FromResult(addresses[0]);
    }

    public Task<TlsProbeResult> HandshakeAsync(
        IPAddress address, int port, string host, CancellationToken cancellationToken)
    {
        OnProbe?.Invoke();
        return Task.FromResult(new TlsProbeResult(
            SslProtocols.Tls13,
            "CN=" + host,
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            CertificateErrors));
    }
}

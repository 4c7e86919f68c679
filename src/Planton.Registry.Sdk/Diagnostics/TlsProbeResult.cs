using System.Net.Security;
using System.Security.Authentication;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>What a TLS handshake negotiated, and what was wrong with the certificate, if anything.</summary>
/// <param name="Protocol">The protocol version negotiated.</param>
/// <param name="Subject">The server certificate's subject, or null when none was sent.</param>
/// <param name="NotAfter">When the server certificate expires, or null when none was sent.</param>
/// <param name="Errors">What the system's validation found wrong with the certificate.</param>
internal sealed record TlsProbeResult(
    SslProtocols Protocol,
    string? Subject,
    DateTimeOffset? NotAfter,
    SslPolicyErrors Errors);

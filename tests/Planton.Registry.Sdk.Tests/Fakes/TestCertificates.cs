using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, made once per test run, and a handler that trusts it.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> s_loopback = new(Create);

    public static X509Certificate2 Loopback => s_loopback.Value;

    /// <summary>A handler that trusts <see cref="Loopback"/> as its only root (and no other certificate).</summary>
    public static SocketsHttpHandler TrustingHandler(X509Certificate2? root = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { root ?? Loopback },
        };
        return handler;
    }

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}

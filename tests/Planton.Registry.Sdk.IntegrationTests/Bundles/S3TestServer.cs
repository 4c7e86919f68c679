using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Bundles;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.IntegrationTests.Bundles;

/// <summary>
/// The SigV4-verifying S3 server of shared/scripts/s3-up.sh, read from its PLANTON_S3_* exports. Tests are ignored
/// when the exports are missing.
/// </summary>
internal sealed class S3TestServer
{
    private S3TestServer(bool tls, string endpoint, string accessKeyId, string secret, string bucket, string? caPath)
    {
        Tls = tls;
        Endpoint = endpoint;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secret;
        Bucket = bucket;
        CaPath = caPath;
    }

    public bool Tls { get; }

    public string Endpoint { get; }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string Bucket { get; }

    public string? CaPath { get; }

    public static S3TestServer FromEnvironment(bool tls)
    {
        string Require(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new IgnoreException($"{name} is not set; run shared/scripts/s3-up.sh and source its exports.");

        var endpoint = Require(tls ? "PLANTON_S3_TLS_ENDPOINT" : "PLANTON_S3_ENDPOINT");
        return new S3TestServer(
            tls,
            endpoint,
            Require("PLANTON_S3_ACCESS_KEY_ID"),
            Require("PLANTON_S3_SECRET_ACCESS_KEY"),
            Require("PLANTON_S3_BUCKET"),
            tls ? Require("PLANTON_TLS_CA") : null);
    }

    public RegistryConnectionOptions Connection(string? secretOverride = null) => new()
    {
        Name = "bundles-it",
        Provider = RegistryProviderKind.CloudflareR2,
        CloudflareR2 = new CloudflareR2Options
        {
            AccountId = "0123456789abcdef0123456789abcdef",
            AccessKeyId = AccessKeyId,
            SecretAccessKey = new Secret(secretOverride ?? SecretAccessKey),
            Bucket = Bucket,
            Endpoint = Endpoint,
        },
    };

    /// <summary>A factory whose named client trusts the test CA, as a host app would configure it.</summary>
    public IHttpClientFactory? HttpClientFactory()
    {
        if (CaPath is null)
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddHttpClient(WorkerBundleStore.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(CreateTrustingHandler);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    /// <summary>An independent plain S3 client to check what the store wrote.</summary>
    public AmazonS3Client RawClient()
    {
        var config = new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "auto",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (CaPath is not null)
        {
            config.HttpClientFactory = new TrustingFactory(this);
        }

        return new AmazonS3Client(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config);
    }

    private SocketsHttpHandler CreateTrustingHandler()
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath!);
        var handler = new SocketsHttpHandler();
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        };
        return handler;
    }

    private sealed class TrustingFactory(S3TestServer server) : Amazon.Runtime.HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(server.CreateTrustingHandler());
    }
}

using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>Creates <see cref="IWorkerBundleStore"/>s for Cloudflare R2 connections.</summary>
public static class WorkerBundleStore
{
    /// <summary>
    /// The name of the <see cref="IHttpClientFactory"/> client the store asks for, so that a host app can
    /// configure its handler (proxy, certificates, timeouts) with <c>AddHttpClient("Planton.Registry.R2")</c>.
    /// </summary>
    public const string HttpClientName = "Planton.Registry.R2";

    /// <summary>
    /// Creates a store for a connection whose <see cref="RegistryConnectionOptions.Provider"/> is
    /// <see cref="RegistryProviderKind.CloudflareR2"/>. The endpoint is <c>CloudflareR2:Endpoint</c> or
    /// <c>https://{AccountId}.r2.cloudflarestorage.com</c>; plain http is accepted for loopback hosts only unless
    /// <see cref="RegistryConnectionOptions.AllowInsecureHttp"/> is set. Nothing is sent until the first call.
    /// </summary>
    /// <param name="connection">The connection; validate it first, only the fields the store needs are checked.</param>
    /// <param name="time">The clock for manifests' creation time; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="httpClientFactory">
    /// Where HTTP clients come from (the named client <see cref="HttpClientName"/>); default null, in which case the
    /// AWS SDK creates its own.
    /// </param>
    /// <param name="loggerFactory">Where to log; default none.</param>
    /// <returns>The store; dispose it when done.</returns>
    /// <exception cref="RegistryConfigurationException">
    /// The provider is not CloudflareR2, or a field the store needs is missing or unusable (such as an http
    /// <c>CloudflareR2:Endpoint</c> to a host that is not loopback).
    /// </exception>
    public static IWorkerBundleStore Create(
        RegistryConnectionOptions connection,
        TimeProvider? time = null,
        IHttpClientFactory? httpClientFactory = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var settings = R2Settings.Resolve(connection);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(typeof(WorkerBundleStore).FullName!);
        var credentials = new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey.Reveal());
        var s3 = new AmazonS3Client(credentials, settings.ToS3Config(httpClientFactory));
        var client = new S3R2ObjectClient(s3, settings.Endpoint, settings.Bucket, logger);
        return new R2WorkerBundleStore(client, time ?? TimeProvider.System, logger);
    }
}

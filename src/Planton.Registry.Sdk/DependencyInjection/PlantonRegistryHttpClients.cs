using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Planton.Registry.Sdk.DependencyInjection;

/// <summary>The named HTTP clients the SDK sends through, each from <see cref="IHttpClientFactory"/>.</summary>
internal static class PlantonRegistryHttpClients
{
    /// <summary>Registry traffic: manifests, blobs and the registry's own token service.</summary>
    public const string Registry = Distribution.OciRegistryClientOptions.HttpClientName;

    /// <summary>Cloud token services: Google OAuth2, the ECR API, Entra and ACR's exchange.</summary>
    public const string TokenService = "Planton.Registry.TokenService";

    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(Registry, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler);
        services.AddHttpClient(
            Bundles.WorkerBundleStore.HttpClientName,
            client => client.Timeout = TimeSpan.FromMinutes(30));
        services.AddHttpClient(TokenService, client => client.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(CreateHandler);
    }

    /// <summary>
    /// Redirects are followed by the SDK itself, so that credentials never follow a redirect to another host;
    /// connections are pooled and recycled so that DNS changes are seen.
    /// </summary>
    private static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 32,
        UseCookies = false,
    };
}

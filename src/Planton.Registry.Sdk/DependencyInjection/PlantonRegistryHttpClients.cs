using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Resilience;

namespace Planton.Registry.Sdk.DependencyInjection;

/// <summary>
/// The named HTTP clients the SDK sends through, each from <see cref="IHttpClientFactory"/>. The registry and
/// token-service clients send through the <see cref="RegistryResilienceHandler"/>, which owns their timeouts, so
/// their <see cref="HttpClient.Timeout"/> is infinite.
/// </summary>
internal static class PlantonRegistryHttpClients
{
    /// <summary>Registry traffic: manifests, blobs and the registry's own token service.</summary>
    public const string Registry = Distribution.OciRegistryClientOptions.HttpClientName;

    /// <summary>Cloud token services: Google OAuth2, the ECR API, Entra and ACR's exchange.</summary>
    public const string TokenService = "Planton.Registry.TokenService";

    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new RegistryResiliencePipeline(
            provider.GetRequiredService<IOptions<RegistryResilienceOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RegistryResilienceHandler>>()));
        services.AddHttpClient(Registry, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .AddHttpMessageHandler(CreateResilienceHandler);
        services.AddHttpClient(
            Bundles.WorkerBundleStore.HttpClientName,
            client => client.Timeout = TimeSpan.FromMinutes(30));
        services.AddHttpClient(TokenService, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .AddHttpMessageHandler(CreateResilienceHandler);
    }

    private static RegistryResilienceHandler CreateResilienceHandler(IServiceProvider provider) =>
        provider.GetRequiredService<RegistryResiliencePipeline>().CreateHandler();

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

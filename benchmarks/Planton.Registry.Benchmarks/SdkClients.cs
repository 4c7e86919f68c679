using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// Builds the SDK's OCI client the way an application does: through <c>AddPlantonRegistries</c>, so that the
/// measured client has the SDK's own HTTP handler settings.
/// </summary>
internal static class SdkClients
{
    public static ServiceProvider Build(string? blobCachePath, Func<DelegatingHandler>? extraHandler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlantonRegistries();
        services.Configure<OciRegistryClientOptions>(o =>
        {
            o.UseBlobLocationCache = blobCachePath is not null;
            o.BlobLocationCachePath = blobCachePath;
        });
        if (extraHandler is not null)
        {
            services.AddHttpClient(OciRegistryClientOptions.HttpClientName).AddHttpMessageHandler(extraHandler);
        }

        return services.BuildServiceProvider();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        // PLANTON_BENCH_LOG=Debug prints every HTTP exchange with a timestamp on stderr, to see where time goes.
        var level = Environment.GetEnvironmentVariable("PLANTON_BENCH_LOG");
        services.AddLogging(logging =>
        {
            if (Enum.TryParse<LogLevel>(level, ignoreCase: true, out var minimum))
            {
                logging.SetMinimumLevel(minimum);
                logging.AddSimpleConsole(o =>
                {
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.SingleLine = true;
                });
                logging.AddFilter("System.Net.Http", LogLevel.Warning);
            }
        });
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

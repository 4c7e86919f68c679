using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Credentials.Azure;
using Planton.Registry.Sdk.Credentials.Gcp;
using Planton.Registry.Sdk.DependencyInjection;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Resilience;
using Planton.Registry.Sdk.ToolConfig;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Planton.Registry.Sdk in a host app: connections, providers, the OCI client and its HTTP clients.
/// </summary>
public static class PlantonRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK with connections bound from the <c>PlantonRegistries</c> section of the app's
    /// <see cref="IConfiguration"/>, and retry and timeout settings from its <c>Resilience</c> subsection
    /// (<see cref="RegistryResilienceOptions"/>). Both are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddPlantonRegistries(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        services.AddOptions<RegistryResilienceOptions>().BindConfiguration(RegistryResilienceOptions.SectionName);
        services.AddSingleton<IConfigureOptions<PlantonRegistriesOptions>>(provider =>
            new ConfigurePlantonRegistriesFromConfiguration(
                provider.GetRequiredService<IConfiguration>().GetSection(PlantonRegistriesOptions.SectionName)));
        return services;
    }

    /// <summary>
    /// Adds the SDK with connections bound from <paramref name="configuration"/>: either the app's root configuration
    /// (its <c>PlantonRegistries</c> section is used) or that section itself. Retry and timeout settings come from
    /// the section's <c>Resilience</c> subsection (<see cref="RegistryResilienceOptions"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The root configuration, or the <c>PlantonRegistries</c> section.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddPlantonRegistries(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: PlantonRegistriesOptions.SectionName } own
            ? own
            : configuration.GetSection(PlantonRegistriesOptions.SectionName);
        AddCore(services);
        services.AddOptions<RegistryResilienceOptions>().Bind(section.GetSection("Resilience"));
        services.AddSingleton<IConfigureOptions<PlantonRegistriesOptions>>(
            new ConfigurePlantonRegistriesFromConfiguration(section));
        return services;
    }

    /// <summary>
    /// Adds the SDK with connections set in code. Retry and timeout settings keep their defaults unless set with
    /// <c>services.Configure&lt;RegistryResilienceOptions&gt;(...)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds connections to <see cref="PlantonRegistriesOptions.Connections"/>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddPlantonRegistries(
        this IServiceCollection services,
        Action<PlantonRegistriesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services);
        services.Configure(configure);
        return services;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<PlantonRegistriesOptions>().ValidateOnStart();
        services.AddOptions<RegistryResilienceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<RegistryResilienceOptions>,
            RegistryResilienceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IPostConfigureOptions<PlantonRegistriesOptions>,
            PlantonRegistriesPostConfigure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<PlantonRegistriesOptions>,
            RegistryConnectionOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RegistryCredentialCache>();
        services.TryAddSingleton<IGcpTokenService, GcpTokenService>();
        services.TryAddSingleton<IEcrApi, EcrApiClient>();
        services.TryAddSingleton<IAcrTokenService, AcrTokenService>();
        services.TryAddSingleton<ICloudCredentialSources, CloudCredentialSources>();
        services.TryAddSingleton<IRepositoryPreparer, RepositoryPreparer>();
        services.TryAddSingleton<IDockerConfigLogin, DockerConfigLogin>();
        services.TryAddSingleton<IDockerCredentialHelper, DockerCredentialHelper>();
        services.TryAddSingleton<RegistryProviderFactory>();
        services.TryAddSingleton<IRegistryConnections, RegistryConnections>();
        services.AddOptions<OciRegistryClientOptions>();
        services.TryAddSingleton<IOciRegistryClient, OciRegistryClient>();
        services.TryAddSingleton<IImageTransfer, ImageTransfer>();
        services.TryAddSingleton<IConnectionTester, ConnectionTester>();
        services.TryAddSingleton<IRegistryLoginVerifier, ConnectionTester>();
        PlantonRegistryHttpClients.Add(services);
    }
}

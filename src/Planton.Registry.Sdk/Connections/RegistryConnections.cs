using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Creates each connection's provider on first use and keeps it, so that its credential cache lives on.
/// </summary>
internal sealed class RegistryConnections : IRegistryConnections
{
    private readonly IOptions<PlantonRegistriesOptions> _options;
    private readonly RegistryProviderFactory _factory;
    private readonly ConcurrentDictionary<string, Lazy<IRegistryProvider>> _providers =
        new(StringComparer.OrdinalIgnoreCase);

    public RegistryConnections(IOptions<PlantonRegistriesOptions> options, RegistryProviderFactory factory)
    {
        _options = options;
        _factory = factory;
    }

    public IReadOnlyCollection<string> Names => _options.Value.Connections.Keys.ToArray();

    public IRegistryProvider Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_options.Value.Connections.TryGetValue(name, out var connection))
        {
            var known = Names.Count == 0 ? "none is configured" : "known: " + string.Join(", ", Names);
            throw new RegistryConfigurationException(
                $"{PlantonRegistriesOptions.SectionName}:Connections:{name}",
                $"No connection is named '{name}' ({known}).");
        }

        return _providers.GetOrAdd(name, _ => new Lazy<IRegistryProvider>(() => _factory.Create(connection))).Value;
    }
}

using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Connections;

/// <summary>The configured connections, by name.</summary>
public interface IRegistryConnections
{
    /// <summary>The names of every configured connection.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Gets the provider of a connection.</summary>
    /// <param name="name">The connection's name (case-insensitive).</param>
    /// <returns>The provider, created once per name.</returns>
    /// <exception cref="RegistryConfigurationException">No connection has that name, or the connection is
    /// invalid.</exception>
    IRegistryProvider Get(string name);
}

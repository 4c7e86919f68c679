namespace Planton.Registry.Sdk.Connections;

/// <summary>The <c>PlantonRegistries</c> configuration section: every connection, keyed by name.</summary>
public sealed class PlantonRegistriesOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "PlantonRegistries";

    /// <summary>The connections, keyed by name (case-insensitive).</summary>
    public IDictionary<string, RegistryConnectionOptions> Connections { get; } =
        new Dictionary<string, RegistryConnectionOptions>(StringComparer.OrdinalIgnoreCase);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.DependencyInjection;

/// <summary>
/// Binds <c>PlantonRegistries:Connections:{name}</c> into <see cref="PlantonRegistriesOptions"/>, keeping what the
/// binder alone would lose (unknown fields, bad enum values) for the validator to report at start.
/// </summary>
internal sealed class ConfigurePlantonRegistriesFromConfiguration : IConfigureOptions<PlantonRegistriesOptions>
{
    private readonly IConfiguration _section;

    public ConfigurePlantonRegistriesFromConfiguration(IConfiguration section)
    {
        _section = section;
    }

    public void Configure(PlantonRegistriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var child in _section.GetSection("Connections").GetChildren())
        {
            var problems = new List<ConfigurationProblem>();
            var connection = RegistryConnectionBinder.Bind(child, problems);
            connection.BindingProblems = problems;
            options.Connections[child.Key] = connection;
        }
    }
}

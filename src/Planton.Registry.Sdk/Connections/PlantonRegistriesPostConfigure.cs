using Microsoft.Extensions.Options;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Gives a connection that has no <see cref="RegistryConnectionOptions.Name"/> its configuration key as name,
/// before validation runs. A name that is set, even to blank text, is kept so that validation reports it.
/// </summary>
internal sealed class PlantonRegistriesPostConfigure : IPostConfigureOptions<PlantonRegistriesOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, PlantonRegistriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        foreach (var (key, connection) in options.Connections)
        {
            if (connection is not null && string.IsNullOrEmpty(connection.Name))
            {
                connection.Name = key;
            }
        }
    }
}

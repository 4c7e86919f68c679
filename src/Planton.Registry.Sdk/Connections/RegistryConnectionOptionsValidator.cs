using Microsoft.Extensions.Options;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Validates every connection of <see cref="PlantonRegistriesOptions"/> with <see cref="RegistryConnectionValidator"/>
/// and reports each problem as one failure, its field prefixed with <c>Connections:{key}:</c>.
/// </summary>
internal sealed class RegistryConnectionOptionsValidator : IValidateOptions<PlantonRegistriesOptions>
{
    /// <summary>The longest connection key shown in a field path; longer keys are cut.</summary>
    private const int MaxKeyLength = 128;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlantonRegistriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var builder = new ValidateOptionsResultBuilder();
        foreach (var (key, connection) in options.Connections)
        {
            var prefix = FieldPrefix(key);
            if (connection is null)
            {
                builder.AddError(
                    $"{prefix}: is empty; it must be a connection object with Name, Provider and the provider's "
                    + "fields.");
                continue;
            }

            foreach (var problem in connection.Validate())
            {
                builder.AddError($"{prefix}:{problem.Field}: {problem.Message}");
            }
        }

        return builder.Build();
    }

    /// <summary>Builds <c>Connections:{key}</c> with the key's control characters escaped.</summary>
    /// <param name="key">The connection's configuration key.</param>
    /// <returns>The configuration path of the connection, relative to the <c>PlantonRegistries</c> section.</returns>
    internal static string FieldPrefix(string key)
    {
        var shown = RegistryConnectionValidator.Escape(key, MaxKeyLength, out var truncated);
        return nameof(PlantonRegistriesOptions.Connections) + ":" + shown + (truncated ? "..." : string.Empty);
    }
}

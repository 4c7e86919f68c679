namespace Planton.Registry.Sdk;

/// <summary>
/// A connection or an option is invalid. <see cref="Problems"/> lists every bad field with what would be valid.
/// </summary>
public sealed class RegistryConfigurationException : RegistryException
{
    /// <summary>Creates the exception for a single bad field.</summary>
    /// <param name="field">The configuration path of the field.</param>
    /// <param name="message">What is wrong and what would be valid.</param>
    public RegistryConfigurationException(string field, string message)
        : this(null, [new ConfigurationProblem(field, message)])
    {
    }

    /// <summary>Creates the exception for every problem found in one connection.</summary>
    /// <param name="connectionName">The connection's name, or null when it has none.</param>
    /// <param name="problems">Every problem found; at least one.</param>
    public RegistryConfigurationException(string? connectionName, IReadOnlyList<ConfigurationProblem> problems)
        : base(BuildMessage(connectionName, problems))
    {
        ConnectionName = connectionName;
        Problems = problems;
    }

    /// <summary>The name of the connection at fault, or null.</summary>
    public string? ConnectionName { get; }

    /// <summary>Every bad field, in the order the validator found them.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string BuildMessage(string? connectionName, IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var head = connectionName is null
            ? "The registry connection is invalid:"
            : $"The registry connection '{connectionName}' is invalid:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}

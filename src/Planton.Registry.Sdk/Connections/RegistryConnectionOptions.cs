namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// One registry connection: where artifacts go and how to authenticate. <see cref="Provider"/> names the provider,
/// and the property named after it holds its fields. Bound from <c>PlantonRegistries:Connections:{name}</c>
/// or from a connection file.
/// </summary>
public sealed class RegistryConnectionOptions
{
    /// <summary>The connection's name; in a host app it defaults to its configuration key.</summary>
    public string? Name { get; set; }

    /// <summary>The provider; required.</summary>
    public RegistryProviderKind? Provider { get; set; }

    /// <summary>Accept plain <c>http://</c> to hosts other than loopback. Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.GcpArtifactRegistry"/>.</summary>
    public GcpArtifactRegistryOptions? GcpArtifactRegistry { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.AwsEcr"/>.</summary>
    public AwsEcrOptions? AwsEcr { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.AzureContainerRegistry"/>.</summary>
    public AzureContainerRegistryOptions? AzureContainerRegistry { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.JFrogArtifactory"/>.</summary>
    public JFrogArtifactoryOptions? JFrogArtifactory { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.GitHubContainerRegistry"/>.</summary>
    public GitHubContainerRegistryOptions? GitHubContainerRegistry { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.GitHubPackages"/>.</summary>
    public GitHubPackagesOptions? GitHubPackages { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.CloudflareR2"/>.</summary>
    public CloudflareR2Options? CloudflareR2 { get; set; }

    /// <summary>Fields for <see cref="RegistryProviderKind.OciRegistry"/>.</summary>
    public OciRegistryOptions? OciRegistry { get; set; }

    /// <summary>
    /// What binding from configuration found wrong (unknown fields, bad enum values); the validator reports them.
    /// </summary>
    internal IReadOnlyList<ConfigurationProblem> BindingProblems { get; set; } = [];

    /// <summary>
    /// Checks the connection offline: every bad field, with what would be valid. Never echoes a secret.
    /// </summary>
    /// <returns>Every problem found; empty when the connection is valid.</returns>
    public IReadOnlyList<ConfigurationProblem> Validate()
    {
        // A field the binder already refused is reported once, by the binder, and neither it nor the section
        // holding it is reported again as missing.
        var refused = BindingProblems.Select(p => p.Field).ToArray();
        var rest = RegistryConnectionValidator.Validate(this).Where(p => !refused.Any(field =>
            string.Equals(field, p.Field, StringComparison.OrdinalIgnoreCase)
            || field.StartsWith(p.Field + ":", StringComparison.OrdinalIgnoreCase)));
        return [.. BindingProblems, .. rest];
    }

    /// <summary>Shows the name and provider; never a field value.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{Name ?? "(unnamed)"} ({Provider?.ToString() ?? "no provider"})";
}

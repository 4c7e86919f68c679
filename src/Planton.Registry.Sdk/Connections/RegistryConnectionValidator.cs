namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Checks a connection offline, before anything leaves the machine, and names every bad field with what would
/// be valid. Values of secret fields never appear in a message; other values are quoted, escaped and truncated.
/// </summary>
/// <remarks>
/// Every check is linear in its input: lengths are capped before any character scan or regular expression,
/// and the expressions have no nested quantifiers. Validation never throws for a bad field value.
/// </remarks>
internal static partial class RegistryConnectionValidator
{
    /// <summary>The longest connection name accepted.</summary>
    internal const int MaxNameLength = 128;

    private const string NameRule =
        "1 to 128 ASCII letters, digits, '-', '_' or '.', e.g. prod-images";

    private const string ProviderNames =
        "GcpArtifactRegistry, AwsEcr, AzureContainerRegistry, JFrogArtifactory, GitHubContainerRegistry, "
        + "GitHubPackages, CloudflareR2 or OciRegistry";

    /// <summary>Finds every problem in a connection.</summary>
    /// <param name="connection">The connection to check.</param>
    /// <returns>One problem per bad field, in field order; empty when the connection is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public static IReadOnlyList<ConfigurationProblem> Validate(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        var problems = new List<ConfigurationProblem>();
        ValidateName(connection.Name, problems);
        ValidateProvider(connection, problems);
        return problems.AsReadOnly();
    }

    /// <summary>Throws when a connection has any problem.</summary>
    /// <param name="connection">The connection to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="RegistryConfigurationException">
    /// The connection has at least one problem; <see cref="RegistryConfigurationException.Problems"/> lists them
    /// all. Its connection name is null when the name itself is invalid, so that no odd text reaches the message.
    /// </exception>
    public static void ThrowIfInvalid(RegistryConnectionOptions connection)
    {
        var problems = Validate(connection);
        if (problems.Count > 0)
        {
            var name = IsValidName(connection.Name) ? connection.Name : null;
            throw new RegistryConfigurationException(name, problems);
        }
    }

    /// <summary>True when <paramref name="name"/> follows the connection name rule.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns>Whether the name is 1 to 128 ASCII letters, digits, '-', '_' or '.'.</returns>
    internal static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateName(string? name, List<ConfigurationProblem> problems)
    {
        const string field = nameof(RegistryConnectionOptions.Name);
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(Missing(field, NameRule));
        }
        else if (!IsValidName(name))
        {
            problems.Add(Invalid(field, name, NameRule));
        }
    }

    private static void ValidateProvider(RegistryConnectionOptions connection, List<ConfigurationProblem> problems)
    {
        const string field = nameof(RegistryConnectionOptions.Provider);
        if (connection.Provider is not { } provider)
        {
            problems.Add(new ConfigurationProblem(field, $"is required; it must be one of {ProviderNames}."));
            return;
        }

        if (!Enum.IsDefined(provider))
        {
            problems.Add(new ConfigurationProblem(field, $"must be one of {ProviderNames}; got '{(int)provider}'."));
            return;
        }

        var insecure = connection.AllowInsecureHttp;
        switch (provider)
        {
            case RegistryProviderKind.GcpArtifactRegistry when connection.GcpArtifactRegistry is { } gcp:
                ValidateGcp(gcp, insecure, problems);
                break;
            case RegistryProviderKind.AwsEcr when connection.AwsEcr is { } ecr:
                ValidateEcr(ecr, insecure, problems);
                break;
            case RegistryProviderKind.AzureContainerRegistry when connection.AzureContainerRegistry is { } acr:
                ValidateAcr(acr, insecure, problems);
                break;
            case RegistryProviderKind.JFrogArtifactory when connection.JFrogArtifactory is { } jfrog:
                ValidateJFrog(jfrog, insecure, problems);
                break;
            case RegistryProviderKind.GitHubContainerRegistry when connection.GitHubContainerRegistry is { } ghcr:
                ValidateGhcr(ghcr, insecure, problems);
                break;
            case RegistryProviderKind.GitHubPackages when connection.GitHubPackages is { } packages:
                ValidateGitHubPackages(packages, insecure, problems);
                break;
            case RegistryProviderKind.CloudflareR2 when connection.CloudflareR2 is { } r2:
                ValidateR2(r2, insecure, problems);
                break;
            case RegistryProviderKind.OciRegistry when connection.OciRegistry is { } oci:
                ValidateOci(oci, insecure, problems);
                break;
            default:
                var section = provider.ToString();
                problems.Add(new ConfigurationProblem(
                    section,
                    $"is required when Provider is {section}; add an object named {section} with "
                    + $"{RequiredFields(provider)}."));
                break;
        }
    }

    private static string RequiredFields(RegistryProviderKind provider) => provider switch
    {
        RegistryProviderKind.GcpArtifactRegistry => "ProjectId, Region, RepositoryName and ServiceAccountKey",
        RegistryProviderKind.AwsEcr => "AccountId, Region, AccessKeyId and SecretAccessKey",
        RegistryProviderKind.AzureContainerRegistry =>
            "RegistryName (or LoginServer) and either TenantId, ClientId and ClientSecret or Username and Password",
        RegistryProviderKind.JFrogArtifactory => "Url, RepositoryKey, Username and AccessToken",
        RegistryProviderKind.GitHubContainerRegistry => "Username and PersonalAccessToken",
        RegistryProviderKind.GitHubPackages =>
            "Username, PersonalAccessToken, Owner, Format and, for Maven, Repository",
        RegistryProviderKind.CloudflareR2 => "AccountId, AccessKeyId, SecretAccessKey and Bucket",
        _ => "Url and, unless the registry allows anonymous access, Username and Password",
    };
}

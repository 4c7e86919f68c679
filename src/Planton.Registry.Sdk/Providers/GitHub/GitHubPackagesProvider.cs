using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.GitHub;

/// <summary>
/// GitHub Packages for npm (<c>https://npm.pkg.github.com</c>, packages scoped <c>@owner</c>) and Maven
/// (<c>https://maven.pkg.github.com/{owner}/{repository}</c>), owner lowercased (PROVIDERS.md §3.4).
/// </summary>
internal sealed class GitHubPackagesProvider : RegistryProviderBase
{
    public const string DefaultNpmHost = "https://npm.pkg.github.com";
    public const string DefaultMavenHost = "https://maven.pkg.github.com";

    public GitHubPackagesProvider(RegistryConnectionOptions connection)
        : this(connection, connection.GitHubPackages!)
    {
    }

    private GitHubPackagesProvider(RegistryConnectionOptions connection, GitHubPackagesOptions options)
        : base(
            connection,
            RegistryProviderKind.GitHubPackages,
            options.Format,
            null,
            new StaticCredentialSource(new RegistryCredential(options.Username!.Trim(), options.PersonalAccessToken!)))
    {
        Options = options;
        Owner = options.Owner!.Trim().ToLowerInvariant();
    }

    public GitHubPackagesOptions Options { get; }

    /// <summary>The owner, lowercased.</summary>
    public string Owner { get; }

    /// <summary>The npm registry URL (ending in '/') or the Maven repository URL.</summary>
    public Uri PackageRepositoryUri
    {
        get
        {
            if (Options.Format == ArtifactFormat.Maven)
            {
                var host = (Options.Host ?? DefaultMavenHost).Trim().TrimEnd('/');
                return new Uri($"{host}/{Owner}/{Options.Repository!.Trim().ToLowerInvariant()}");
            }

            return new Uri((Options.Host ?? DefaultNpmHost).Trim().TrimEnd('/') + "/");
        }
    }
}

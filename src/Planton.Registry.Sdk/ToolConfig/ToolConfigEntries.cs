using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Providers.Gcp;
using Planton.Registry.Sdk.Providers.GitHub;
using Planton.Registry.Sdk.Providers.JFrog;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Turns an npm or Maven connection into what the file writers take: the repository URL each provider uses
/// (PROVIDERS.md §3.1, §3.4, §3.5) and the credential its build tools send.
/// </summary>
public static class ToolConfigEntries
{
    /// <summary>The e-mail npm wants beside a <c>_json_key_base64</c> password (gcloud's template).</summary>
    private const string GcpPlaceholderEmail = "not.valid@email.com";

    /// <summary>Builds the <c>.npmrc</c> entry of an npm connection.</summary>
    /// <param name="provider">A GCP Artifact Registry, GitHub Packages or JFrog connection whose format is npm.</param>
    /// <param name="scope">The package scope such as <c>@acme</c>; GitHub Packages defaults to <c>@{owner}</c>.</param>
    /// <param name="cancellationToken">Cancels a token exchange.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="RegistryConfigurationException">The connection is not an npm connection.</exception>
    /// <exception cref="RegistryAuthenticationException">The provider's token service refused the connection's
    /// secret.</exception>
    public static async Task<NpmRegistryEntry> ForNpmAsync(
        IRegistryProvider provider, string? scope = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        RequireFormat(provider, ArtifactFormat.Npm);
        var url = RepositoryUri(provider, ArtifactFormat.Npm);
        var credential = await CredentialAsync(provider, url, cancellationToken).ConfigureAwait(false);
        var auth = credential.Username == GcpArtifactRegistryProvider.JsonKeyUsername
            ? NpmAuth.UsernamePassword(credential.Username, credential.Password, GcpPlaceholderEmail)
            : NpmAuth.Token(credential.Password);
        if (string.IsNullOrWhiteSpace(scope) && provider is GitHubPackagesProvider github)
        {
            scope = "@" + github.Owner;
        }

        var normalizedScope = string.IsNullOrWhiteSpace(scope) ? null : "@" + scope.Trim().TrimStart('@');
        return new NpmRegistryEntry(url, normalizedScope, auth, AlwaysAuth: provider is GcpArtifactRegistryProvider)
        {
            IsDefaultRegistry = normalizedScope is null,
        };
    }

    /// <summary>Builds the <c>settings.xml</c> server of a Maven connection; its id is the connection's name.</summary>
    /// <param name="provider">A GCP Artifact Registry, GitHub Packages or JFrog connection whose format is
    /// Maven.</param>
    /// <param name="cancellationToken">Cancels a token exchange.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="RegistryConfigurationException">The connection is not a Maven connection.</exception>
    /// <exception cref="RegistryAuthenticationException">The provider's token service refused the connection's
    /// secret.</exception>
    public static async Task<MavenServerEntry> ForMavenAsync(
        IRegistryProvider provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        RequireFormat(provider, ArtifactFormat.Maven);
        var url = RepositoryUri(provider, ArtifactFormat.Maven);
        var credential = await CredentialAsync(provider, url, cancellationToken).ConfigureAwait(false);
        return new MavenServerEntry(provider.ConnectionName, credential.Username, credential.Password, url)
        {
            PreemptiveAuthentication = provider is GcpArtifactRegistryProvider,
        };
    }

    private static void RequireFormat(IRegistryProvider provider, ArtifactFormat format)
    {
        if (provider.Format != format
            || provider is not (GcpArtifactRegistryProvider or GitHubPackagesProvider or JFrogRegistryProvider))
        {
            throw new RegistryConfigurationException(
                "Format",
                $"The connection '{provider.ConnectionName}' ({provider.Kind},"
                + $" {provider.Format?.ToString() ?? "bundles"}) "
                + $"is not a {format} connection; use GcpArtifactRegistry, GitHubPackages or JFrogArtifactory"
                + $" with Format {format}.");
        }
    }

    private static Uri RepositoryUri(IRegistryProvider provider, ArtifactFormat format) => provider switch
    {
        GcpArtifactRegistryProvider gcp => gcp.PackageRepositoryUri,
        GitHubPackagesProvider github => github.PackageRepositoryUri,
        JFrogRegistryProvider jfrog => format == ArtifactFormat.Npm
            ? new Uri(jfrog.InstanceUri, $"artifactory/api/npm/{jfrog.RepositoryKey}/")
            : new Uri(jfrog.InstanceUri, $"artifactory/{jfrog.RepositoryKey}/"),
        _ => throw new RegistryConfigurationException("Provider", $"{provider.Kind} has no npm or Maven repositories."),
    };

    private static async Task<RegistryCredential> CredentialAsync(
        IRegistryProvider provider, Uri url, CancellationToken cancellationToken)
    {
        var credential = await provider.Credentials
            .GetCredentialAsync(new RegistryScope(url.Authority, null, RegistryAccess.PullPush), cancellationToken)
            .ConfigureAwait(false);
        return credential ?? throw new RegistryAuthenticationException(
            $"The connection '{provider.ConnectionName}' gave no credential for {url.Authority}.");
    }
}

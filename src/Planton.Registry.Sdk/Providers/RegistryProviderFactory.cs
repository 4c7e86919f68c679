using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Providers.Aws;
using Planton.Registry.Sdk.Providers.Azure;
using Planton.Registry.Sdk.Providers.Cloudflare;
using Planton.Registry.Sdk.Providers.Gcp;
using Planton.Registry.Sdk.Providers.GitHub;
using Planton.Registry.Sdk.Providers.JFrog;
using Planton.Registry.Sdk.Providers.Oci;

namespace Planton.Registry.Sdk.Providers;

/// <summary>Turns a validated connection into its provider.</summary>
internal sealed class RegistryProviderFactory
{
    private readonly ICloudCredentialSources _cloudCredentials;

    public RegistryProviderFactory(ICloudCredentialSources cloudCredentials)
    {
        _cloudCredentials = cloudCredentials;
    }

    /// <summary>Validates the connection and creates its provider.</summary>
    /// <exception cref="RegistryConfigurationException">The connection is invalid; lists every problem.</exception>
    public IRegistryProvider Create(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var problems = connection.Validate();
        if (problems.Count > 0)
        {
            throw new RegistryConfigurationException(connection.Name, problems);
        }

        return connection.Provider switch
        {
            RegistryProviderKind.GcpArtifactRegistry => new GcpArtifactRegistryProvider(
                connection,
                connection.GcpArtifactRegistry!.CredentialMode == GcpCredentialMode.JsonKey
                    ? new StaticCredentialSource(
                        GcpArtifactRegistryProvider.JsonKeyCredential(connection.GcpArtifactRegistry))
                    : _cloudCredentials.ForGcp(connection)),
            RegistryProviderKind.AwsEcr => new EcrRegistryProvider(connection, _cloudCredentials.ForEcr(connection)),
            RegistryProviderKind.AzureContainerRegistry => new AcrRegistryProvider(
                connection,
                AcrRegistryProvider.UsesServicePrincipal(connection.AzureContainerRegistry!)
                    ? _cloudCredentials.ForAcrServicePrincipal(connection)
                    : new StaticCredentialSource(
                        AcrRegistryProvider.BasicCredential(connection.AzureContainerRegistry!))),
            RegistryProviderKind.JFrogArtifactory => new JFrogRegistryProvider(connection),
            RegistryProviderKind.GitHubContainerRegistry => new GhcrRegistryProvider(connection),
            RegistryProviderKind.GitHubPackages => new GitHubPackagesProvider(connection),
            RegistryProviderKind.CloudflareR2 => new CloudflareR2Provider(connection),
            RegistryProviderKind.OciRegistry => new OciRegistryProvider(connection),
            _ => throw new RegistryConfigurationException(
                connection.Name, [new ConfigurationProblem("Provider", "is not a known provider.")]),
        };
    }
}

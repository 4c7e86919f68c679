namespace Planton.Registry.Sdk.Connections;

/// <summary>The provider of a connection; the value of its <c>Provider</c> field.</summary>
public enum RegistryProviderKind
{
    /// <summary>Google Artifact Registry: images, npm and Maven.</summary>
    GcpArtifactRegistry = 1,

    /// <summary>Amazon Elastic Container Registry: images.</summary>
    AwsEcr,

    /// <summary>Azure Container Registry: images.</summary>
    AzureContainerRegistry,

    /// <summary>JFrog Artifactory: images, npm and Maven.</summary>
    JFrogArtifactory,

    /// <summary>GitHub Container Registry: images.</summary>
    GitHubContainerRegistry,

    /// <summary>GitHub Packages: npm and Maven.</summary>
    GitHubPackages,

    /// <summary>Cloudflare R2: Worker script bundles.</summary>
    CloudflareR2,

    /// <summary>Any registry that speaks the OCI Distribution API.</summary>
    OciRegistry,
}

namespace Planton.Registry.Sdk.Guidance;

/// <summary>Where the images are deployed, and what the organisation already uses; combine the flags.</summary>
[Flags]
public enum DeploymentTargets
{
    /// <summary>No target named.</summary>
    None = 0,

    /// <summary>Amazon Web Services: EKS, ECS, App Runner, Lambda container images.</summary>
    Aws = 1,

    /// <summary>Google Cloud: GKE, Cloud Run.</summary>
    Gcp = 2,

    /// <summary>Microsoft Azure: AKS, Container Apps, Container Instances.</summary>
    Azure = 4,

    /// <summary>Elsewhere: another cloud, or Kubernetes on premises.</summary>
    OtherCloud = 8,

    /// <summary>Several clouds, whichever they are; implied when two or more clouds are named.</summary>
    MultiCloud = 16,

    /// <summary>The organisation already runs JFrog Artifactory.</summary>
    ExistingJFrog = 32,

    /// <summary>Builds run in GitHub Actions.</summary>
    GitHubActions = 64,
}

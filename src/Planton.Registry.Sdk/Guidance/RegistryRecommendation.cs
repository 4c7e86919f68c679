using System.Numerics;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Guidance;

/// <summary>
/// Which image registry to choose for given deployment targets, and why, following the platform's guideline: keep
/// JFrog where it is already used; several clouds get a cloud-neutral registry (GitHub Container Registry, or JFrog
/// Artifactory); a single cloud gets its own registry (AWS: ECR, GCP: Artifact Registry, Azure: ACR), which works with
/// that cloud's identities and keeps image pulls inside it.
/// </summary>
public sealed class RegistryRecommendation
{
    private const DeploymentTargets Clouds =
        DeploymentTargets.Aws | DeploymentTargets.Gcp | DeploymentTargets.Azure | DeploymentTargets.OtherCloud;

    private RegistryRecommendation(
        DeploymentTargets targets,
        RegistryProviderKind provider,
        string reason,
        IReadOnlyList<RegistryProviderKind> alternatives)
    {
        Targets = targets;
        Provider = provider;
        Reason = reason;
        Alternatives = alternatives;
    }

    /// <summary>The targets the recommendation is for.</summary>
    public DeploymentTargets Targets { get; }

    /// <summary>The provider to choose; its name is the <c>Provider</c> value of a connection.</summary>
    public RegistryProviderKind Provider { get; }

    /// <summary>Why, in one or two sentences.</summary>
    public string Reason { get; }

    /// <summary>Other providers that suit the targets too, best first; possibly empty.</summary>
    public IReadOnlyList<RegistryProviderKind> Alternatives { get; }

    /// <summary>Recommends a registry for deployment targets.</summary>
    /// <param name="targets">Where images are deployed and what is already in use.</param>
    /// <returns>The recommendation.</returns>
    public static RegistryRecommendation For(DeploymentTargets targets)
    {
        var clouds = targets & Clouds;
        var several = targets.HasFlag(DeploymentTargets.MultiCloud) || BitOperations.PopCount((uint)clouds) > 1;
        var actions = targets.HasFlag(DeploymentTargets.GitHubActions);
        if (targets.HasFlag(DeploymentTargets.ExistingJFrog))
        {
            return new(
                targets,
                RegistryProviderKind.JFrogArtifactory,
                "You already run JFrog Artifactory: keep using it. The SDK reaches it with the URL, repository key and "
                + "tokens your current tools use, and it serves every cloud alike.",
                several ? [] : CloudRegistry(clouds) is { } own ? [own] : []);
        }

        if (several)
        {
            return new(
                targets,
                RegistryProviderKind.GitHubContainerRegistry,
                $"You deploy to several clouds{Named(clouds)}: a cloud-neutral registry serves them all alike. "
                + "GitHub Container Registry needs no infrastructure"
                + (actions ? " and pairs with your GitHub Actions builds" : string.Empty)
                + "; JFrog Artifactory suits too, and also holds npm and Maven packages.",
                [RegistryProviderKind.JFrogArtifactory]);
        }

        var alternatives = actions ? new[] { RegistryProviderKind.GitHubContainerRegistry } : [];
        return clouds switch
        {
            DeploymentTargets.Aws => new(
                targets,
                RegistryProviderKind.AwsEcr,
                "You deploy to AWS (EKS, ECS): ECR works with AWS IAM and keeps image pulls inside AWS, without "
                + "cross-cloud transfer costs.",
                alternatives),
            DeploymentTargets.Gcp => new(
                targets,
                RegistryProviderKind.GcpArtifactRegistry,
                "You deploy to Google Cloud (GKE, Cloud Run): Artifact Registry works with Google Cloud IAM and keeps "
                + "image pulls inside Google Cloud, without cross-cloud transfer costs.",
                alternatives),
            DeploymentTargets.Azure => new(
                targets,
                RegistryProviderKind.AzureContainerRegistry,
                "You deploy to Azure (AKS, Container Apps): Azure Container Registry works with Microsoft Entra ID and "
                + "keeps image pulls inside Azure, without cross-cloud transfer costs.",
                alternatives),
            DeploymentTargets.OtherCloud => new(
                targets,
                RegistryProviderKind.GitHubContainerRegistry,
                "You deploy outside AWS, Google Cloud and Azure: a cloud-neutral registry fits. GitHub Container "
                + "Registry needs no infrastructure; JFrog Artifactory or any OCI registry you run suit too.",
                [RegistryProviderKind.JFrogArtifactory, RegistryProviderKind.OciRegistry]),
            _ => new(
                targets,
                RegistryProviderKind.GitHubContainerRegistry,
                "No deployment cloud named: a cloud-neutral registry keeps every choice open. GitHub Container "
                + "Registry needs no infrastructure"
                + (actions ? " and pairs with your GitHub Actions builds" : string.Empty)
                + "; name the cloud you deploy to for a registry inside it.",
                [RegistryProviderKind.JFrogArtifactory]),
        };
    }

    /// <summary>Formats the recommendation as <c>Provider: reason</c>.</summary>
    /// <returns>One line.</returns>
    public override string ToString() => $"{Provider}: {Reason}";

    private static RegistryProviderKind? CloudRegistry(DeploymentTargets cloud) => cloud switch
    {
        DeploymentTargets.Aws => RegistryProviderKind.AwsEcr,
        DeploymentTargets.Gcp => RegistryProviderKind.GcpArtifactRegistry,
        DeploymentTargets.Azure => RegistryProviderKind.AzureContainerRegistry,
        _ => null,
    };

    private static string Named(DeploymentTargets clouds)
    {
        var names = new List<string>();
        if (clouds.HasFlag(DeploymentTargets.Aws))
        {
            names.Add("AWS");
        }

        if (clouds.HasFlag(DeploymentTargets.Gcp))
        {
            names.Add("Google Cloud");
        }

        if (clouds.HasFlag(DeploymentTargets.Azure))
        {
            names.Add("Azure");
        }

        if (clouds.HasFlag(DeploymentTargets.OtherCloud))
        {
            names.Add("elsewhere");
        }

        return names.Count == 0 ? string.Empty : $" ({string.Join(", ", names)})";
    }
}

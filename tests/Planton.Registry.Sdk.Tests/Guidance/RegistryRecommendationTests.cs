using Planton.Registry.Cli;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Guidance;

namespace Planton.Registry.Sdk.Tests.Guidance;

/// <summary>The registry guideline as a table: targets in, provider and alternatives out.</summary>
public sealed class RegistryRecommendationTests
{
    private const RegistryProviderKind Ecr = RegistryProviderKind.AwsEcr;
    private const RegistryProviderKind Gar = RegistryProviderKind.GcpArtifactRegistry;
    private const RegistryProviderKind Acr = RegistryProviderKind.AzureContainerRegistry;
    private const RegistryProviderKind Ghcr = RegistryProviderKind.GitHubContainerRegistry;
    private const RegistryProviderKind JFrog = RegistryProviderKind.JFrogArtifactory;
    private const RegistryProviderKind Oci = RegistryProviderKind.OciRegistry;

    private static readonly object[] s_table =
    [
        new object[] { DeploymentTargets.Aws, Ecr, Array.Empty<RegistryProviderKind>() },
        new object[] { DeploymentTargets.Gcp, Gar, Array.Empty<RegistryProviderKind>() },
        new object[] { DeploymentTargets.Azure, Acr, Array.Empty<RegistryProviderKind>() },
        new object[] { DeploymentTargets.Aws | DeploymentTargets.GitHubActions, Ecr, new[] { Ghcr } },
        new object[] { DeploymentTargets.Gcp | DeploymentTargets.GitHubActions, Gar, new[] { Ghcr } },
        new object[] { DeploymentTargets.Aws | DeploymentTargets.Gcp, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.Gcp | DeploymentTargets.Azure, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.Aws | DeploymentTargets.OtherCloud, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.MultiCloud, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.Aws | DeploymentTargets.MultiCloud, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.ExistingJFrog, JFrog, Array.Empty<RegistryProviderKind>() },
        new object[] { DeploymentTargets.ExistingJFrog | DeploymentTargets.Aws, JFrog, new[] { Ecr } },
        new object[] { DeploymentTargets.ExistingJFrog | DeploymentTargets.Gcp, JFrog, new[] { Gar } },
        new object[]
        {
            DeploymentTargets.ExistingJFrog | DeploymentTargets.Aws | DeploymentTargets.Azure, JFrog,
            Array.Empty<RegistryProviderKind>(),
        },
        new object[] { DeploymentTargets.OtherCloud, Ghcr, new[] { JFrog, Oci } },
        new object[] { DeploymentTargets.None, Ghcr, new[] { JFrog } },
        new object[] { DeploymentTargets.GitHubActions, Ghcr, new[] { JFrog } },
    ];

    [TestCaseSource(nameof(s_table))]
    public void For_Targets_RecommendsTheGuidelinesProvider(
        DeploymentTargets targets, RegistryProviderKind expected, RegistryProviderKind[] alternatives)
    {
        var recommendation = RegistryRecommendation.For(targets);

        Assert.That(recommendation.Provider, Is.EqualTo(expected));
        Assert.That(recommendation.Alternatives, Is.EqualTo(alternatives));
        Assert.That(recommendation.Targets, Is.EqualTo(targets));
        Assert.That(recommendation.Reason, Is.Not.Empty);
    }

    [TestCase(DeploymentTargets.Aws, "You deploy to AWS (EKS, ECS)")]
    [TestCase(DeploymentTargets.Gcp, "You deploy to Google Cloud (GKE, Cloud Run)")]
    [TestCase(DeploymentTargets.Azure, "You deploy to Azure (AKS, Container Apps)")]
    [TestCase(DeploymentTargets.Aws | DeploymentTargets.Azure, "You deploy to several clouds (AWS, Azure)")]
    [TestCase(DeploymentTargets.ExistingJFrog | DeploymentTargets.Gcp, "You already run JFrog Artifactory")]
    public void For_Targets_SaysWhy(DeploymentTargets targets, string reasonStart) =>
        Assert.That(RegistryRecommendation.For(targets).Reason, Does.StartWith(reasonStart));

    [Test]
    public void For_SeveralCloudsBuiltInGitHubActions_MentionsActions() =>
        Assert.That(
            RegistryRecommendation.For(
                DeploymentTargets.Aws | DeploymentTargets.Gcp | DeploymentTargets.GitHubActions).Reason,
            Does.Contain("GitHub Actions"));

    [TestCase(new[] { "recommend", "--target", "aws" }, "AwsEcr")]
    [TestCase(new[] { "recommend", "--target", "GCP" }, "GcpArtifactRegistry")]
    [TestCase(new[] { "recommend", "--target", "azure" }, "AzureContainerRegistry")]
    [TestCase(new[] { "recommend", "--target", "aws", "--target", "gcp" }, "GitHubContainerRegistry")]
    [TestCase(new[] { "recommend", "--target", "multi-cloud" }, "GitHubContainerRegistry")]
    [TestCase(new[] { "recommend", "--target", "aws", "--existing-jfrog" }, "JFrogArtifactory")]
    [TestCase(new[] { "recommend" }, "GitHubContainerRegistry")]
    public async Task Recommend_Targets_PrintsTheProviderThenWhy(string[] args, string provider)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApplication.RunAsync(args, stdout, stderr);

        Assert.That(exit, Is.Zero, stderr.ToString());
        var lines = stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo(provider));
        Assert.That(lines[1], Does.StartWith("You ").Or.StartWith("No deployment cloud named"));
    }

    [Test]
    public async Task Recommend_SeveralClouds_PrintsTheAlternatives()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        await CliApplication.RunAsync(["recommend", "--target", "aws", "--target", "azure"], stdout, stderr);

        Assert.That(stdout.ToString(), Does.EndWith("alternatives: JFrogArtifactory" + Environment.NewLine));
    }

    [Test]
    public async Task Recommend_UnknownTarget_ExitsTwoNamingTheChoices()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApplication.RunAsync(["recommend", "--target", "mars"], stdout, stderr);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout.ToString(), Is.Empty);
        Assert.That(stderr.ToString(), Does.Contain("'mars' is not a target; use one of aws, gcp, azure"));
    }
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Tests.Providers;

public sealed class ProviderReferenceTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private static RegistryProviderFactory Factory => new(new Mock<ICloudCredentialSources>().Object);

    [TestCase(
        "us-central1",
        "my-project",
        "images",
        "billing-api",
        "us-central1-docker.pkg.dev/my-project/images/billing-api")]
    [TestCase(
        "europe-west10",
        "my-project",
        "images",
        "team/api",
        "europe-west10-docker.pkg.dev/my-project/images/team/api")]
    [TestCase("us", "example.com:my-project", "images", "api", "us-docker.pkg.dev/example.com/my-project/images/api")]
    public void Gcp_BuildImageReference_UsesRegionalHostProjectAndRepository(
        string region, string project, string repository, string image, string expected)
    {
        var connection = Connection(
            RegistryProviderKind.GcpArtifactRegistry,
            c => c.GcpArtifactRegistry = new GcpArtifactRegistryOptions
            {
                ProjectId = project,
                Region = region,
                RepositoryName = repository,
                ServiceAccountKey = new Secret(TestKeys.ServiceAccountKeyBase64()),
            });

        var reference = Factory.Create(connection).BuildImageReference(image, Sha);

        Assert.That(reference.ToString(), Is.EqualTo($"{expected}:{Sha}"));
    }

    [TestCase("us-east-1", false, "123456789012.dkr.ecr.us-east-1.amazonaws.com")]
    [TestCase("cn-north-1", false, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")]
    [TestCase("us-gov-west-1", true, "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com")]
    public void Ecr_BuildImageReference_UsesPartitionHost(string region, bool fips, string host)
    {
        var connection = Connection(RegistryProviderKind.AwsEcr, c => c.AwsEcr = new AwsEcrOptions
        {
            AccountId = "123456789012",
            Region = region,
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            SecretAccessKey = new Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            UseFips = fips,
        });

        var provider = Factory.Create(connection);

        Assert.That(provider.BuildImageReference("team/api", Sha).ToString(), Is.EqualTo($"{host}/team/api:{Sha}"));
        Assert.That(provider.TransferRules.MaxParallelBlobs, Is.EqualTo(1));
    }

    [Test]
    public void Acr_BuildImageReference_LowercasesLoginServer()
    {
        var connection = Connection(
            RegistryProviderKind.AzureContainerRegistry,
            c => c.AzureContainerRegistry = new AzureContainerRegistryOptions
            {
                RegistryName = "PlantonAcr01",
                Username = "PlantonAcr01",
                Password = new Secret("admin-password"),
            });

        var reference = Factory.Create(connection).BuildImageReference("api", Sha);

        Assert.That(reference.ToString(), Is.EqualTo($"plantonacr01.azurecr.io/api:{Sha}"));
    }

    [TestCase(JFrogDockerAccessMethod.RepositoryPath, "https://acme.jfrog.io", null, "acme.jfrog.io/docker-local/api")]
    [TestCase(JFrogDockerAccessMethod.Subdomain, "https://acme.jfrog.io", null, "acme-docker-local.jfrog.io/api")]
    [TestCase(
        JFrogDockerAccessMethod.Subdomain,
        "https://artifacts.example.com",
        null,
        "docker-local.artifacts.example.com/api")]
    [TestCase(
        JFrogDockerAccessMethod.Port,
        "https://artifacts.example.com",
        "https://artifacts.example.com:5001",
        "artifacts.example.com:5001/api")]
    public void JFrog_BuildImageReference_FollowsAccessMethod(
        JFrogDockerAccessMethod method, string url, string? registryUrl, string expected)
    {
        var connection = Connection(
            RegistryProviderKind.JFrogArtifactory,
            c => c.JFrogArtifactory = new JFrogArtifactoryOptions
            {
                Url = url,
                RepositoryKey = "docker-local",
                Username = "ci",
                AccessToken = new Secret("jfrog-token"),
                DockerAccessMethod = method,
                RegistryUrl = registryUrl,
            });

        var reference = Factory.Create(connection).BuildImageReference("api", Sha);

        Assert.That(reference.ToString(), Is.EqualTo($"{expected}:{Sha}"));
    }

    [TestCase(null, "Octo-Cat", "Billing-API", "ghcr.io/octo-cat/billing-api")]
    [TestCase("Acme-Org", "octocat", "api", "ghcr.io/acme-org/api")]
    public void Ghcr_BuildImageReference_LowercasesOwnerAndImage(
        string? owner,
        string user,
        string image,
        string expected)
    {
        var connection = Connection(
            RegistryProviderKind.GitHubContainerRegistry,
            c => c.GitHubContainerRegistry = new GitHubContainerRegistryOptions
            {
                Username = user,
                PersonalAccessToken = new Secret("ghp_0123456789abcdefghijklmnopqrstuvwxyz"),
                Owner = owner,
            });

        var reference = Factory.Create(connection).BuildImageReference(image, Sha);

        Assert.That(reference.ToString(), Is.EqualTo($"{expected}:{Sha}"));
    }

    [Test]
    public void Oci_RegistryUrlAndPrefix_AreUsed()
    {
        var connection = Connection(RegistryProviderKind.OciRegistry, c => c.OciRegistry = new OciRegistryOptions
        {
            Url = "http://127.0.0.1:5001",
            Repository = "team/services",
        });

        var reference = Factory.Create(connection).BuildImageReference("api", Sha);

        Assert.That(reference.ToString(), Is.EqualTo($"127.0.0.1:5001/team/services/api:{Sha}"));
    }

    [Test]
    public void RegistryUrl_ReplacesBuiltHost()
    {
        var connection = Connection(RegistryProviderKind.AwsEcr, c => c.AwsEcr = new AwsEcrOptions
        {
            AccountId = "123456789012",
            Region = "us-east-1",
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            SecretAccessKey = new Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            RegistryUrl = "http://127.0.0.1:5001",
        });

        var provider = Factory.Create(connection);

        Assert.That(provider.BuildImageReference("api", Sha).ToString(), Is.EqualTo($"127.0.0.1:5001/api:{Sha}"));
        Assert.That(provider.RegistryUri, Is.EqualTo(new Uri("http://127.0.0.1:5001/")));
    }

    [TestCase("api", "-bad")]
    [TestCase("api", "")]
    [TestCase("Api Space", Sha)]
    [TestCase("api//x", Sha)]
    public void BuildImageReference_InvalidImageOrTag_ThrowsConfigurationException(string image, string tag)
    {
        var connection = Connection(
            RegistryProviderKind.OciRegistry,
            c => c.OciRegistry = new OciRegistryOptions { Url = "http://127.0.0.1:5001" });
        var provider = Factory.Create(connection);

        Assert.That(() => provider.BuildImageReference(image, tag), Throws.TypeOf<RegistryConfigurationException>());
    }

    [Test]
    public void BuildImageReference_TagOf129Characters_IsRefused()
    {
        var connection = Connection(
            RegistryProviderKind.OciRegistry,
            c => c.OciRegistry = new OciRegistryOptions { Url = "http://127.0.0.1:5001" });
        var provider = Factory.Create(connection);

        Assert.That(
            () => provider.BuildImageReference("api", new string('a', 129)),
            Throws.TypeOf<RegistryConfigurationException>()
                .With.Property(nameof(RegistryConfigurationException.Problems))
                .With.One.Property("Field").EqualTo("Tag"));
        Assert.That(provider.BuildImageReference("api", new string('a', 128)).Tag, Has.Length.EqualTo(128));
    }

    [Test]
    public void GitHubPackages_DoesNotStoreImages()
    {
        var connection = Connection(
            RegistryProviderKind.GitHubPackages,
            c => c.GitHubPackages = new GitHubPackagesOptions
            {
                Username = "octocat",
                PersonalAccessToken = new Secret("ghp_0123456789abcdefghijklmnopqrstuvwxyz"),
                Owner = "Octo-Org",
                Format = ArtifactFormat.Npm,
            });

        var provider = Factory.Create(connection);

        Assert.That(provider.SupportsImages, Is.False);
        Assert.That(() => provider.BuildImageReference("api", Sha), Throws.TypeOf<RegistryConfigurationException>());
    }

    private static RegistryConnectionOptions Connection(
        RegistryProviderKind kind,
        Action<RegistryConnectionOptions> fill)
    {
        var connection = new RegistryConnectionOptions { Name = "test", Provider = kind };
        fill(connection);
        return connection;
    }
}

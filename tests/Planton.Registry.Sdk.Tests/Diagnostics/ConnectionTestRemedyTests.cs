using System.Net;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Tests.Connections;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>
/// Each provider's own remedy for what its registry answers: GAR's "denied (or it may not exist)", ECR's dropped
/// upload to a missing repository, GHCR's classic PAT, JFrog's repository key and access method, ACR's admin user and
/// scope maps.
/// </summary>
public sealed class ConnectionTestRemedyTests
{
    private const string GarDenied =
        "Permission 'artifactregistry.repositories.uploadArtifacts' denied on resource "
        + "'projects/my-project-123/locations/us-central1/repositories/docker-images' (or it may not exist)";

    private static readonly RegistryCredential s_garToken = new("oauth2accesstoken", new Secret("ya29.token"));
    private static readonly RegistryCredential s_ecrToken = new("AWS", new Secret("ecr-password"));

    [Test]
    public async Task Gar_UploadDeniedOrMissing_NamesBothCausesAndTheWriterRole()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Gcp(), s_garToken);
        var harness = Harness(s_garToken, Deny(GarDenied));

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(report.Repository, Is.EqualTo("my-project-123/docker-images/billing-api"));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Detail,
            Does.Contain("(or it may not exist)"));
        Assert.That(report.Remedy, Is.EqualTo(
            "Artifact Registry gives the same 'denied (or it may not exist)' for two causes, so check both: the "
            + "repository 'docker-images' must exist in project 'my-project-123', location 'us-central1', in Docker "
            + "format (gcloud artifacts repositories create docker-images --repository-format=docker "
            + "--location=us-central1 --project=my-project-123); and the service account needs "
            + "roles/artifactregistry.writer on it (gcloud artifacts repositories add-iam-policy-binding docker-images "
            + "--location=us-central1 --project=my-project-123 --member=serviceAccount:EMAIL "
            + "--role=roles/artifactregistry.writer)."));
    }

    [Test]
    public async Task Gar_ServiceAccountRefused_PointsAtTheKey()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Gcp(), s_garToken);
        var harness = Harness(new RegistryCredential("oauth2accesstoken", new Secret("other")));

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(report.Remedy, Does.Contain("ServiceAccountKey").And.Contain("project 'my-project-123'"));
    }

    [Test]
    public async Task Ecr_UploadDropped_IsAMissingRepositoryWithCreateCommand()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), s_ecrToken);
        var harness = Harness(s_ecrToken, r => r.Method == HttpMethod.Post
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")
            : null);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Repository));
        Assert.That(report.Registry, Is.EqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com"));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Does.Contain("ECR dropped the connection"));
        Assert.That(report.Remedy, Is.EqualTo(
            "Create the repository: aws ecr create-repository --repository-name billing-api --region us-east-1 "
            + "(account 123456789012); or set AwsEcr:CreateRepositoryIfMissing to true so that it is created before a "
            + "push; or add a repository creation template for CREATE_ON_PUSH."));
    }

    [Test]
    public async Task Ecr_DescribeRepositoriesFindsNone_FailsRepositoryWithoutAnUpload()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), s_ecrToken);
        var harness = Harness(s_ecrToken);
        harness.Ecr
            .Setup(e => e.DescribeRepositoryAsync(
                It.IsAny<AwsEcrOptions>(), "billing-api", It.IsAny<CancellationToken>()))
            .ReturnsAsync((EcrRepository?)null);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Repository));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Is.EqualTo("ECR says billing-api does not exist in account 123456789012, region us-east-1 "
                + "(DescribeRepositories), and ECR does not create repositories on push"));
        Assert.That(report.Remedy, Does.StartWith("Create the repository: aws ecr create-repository"));
        Assert.That(harness.Handler.Calls.Select(c => c.Method), Has.None.EqualTo(HttpMethod.Post));
    }

    [Test]
    public async Task Ecr_DescribeRepositoriesFindsIt_ProbesTheUploadAndPasses()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), s_ecrToken);
        var harness = Harness(s_ecrToken);
        harness.Ecr
            .Setup(e => e.DescribeRepositoryAsync(
                It.IsAny<AwsEcrOptions>(), "billing-api", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EcrRepository("billing-api", null, null));

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Is.EqualTo("billing-api exists (ECR DescribeRepositories)"));
        Assert.That(harness.Handler.Calls.Select(c => c.Method), Does.Contain(HttpMethod.Post));
    }

    [Test]
    public async Task Ecr_DescribeRepositoriesFindsNoneButCreateIsOn_PassesWithoutAnUpload()
    {
        var connection = ConnectionSamples.Ecr();
        connection.AwsEcr!.CreateRepositoryIfMissing = true;
        var provider = ConnectionTestHarness.Provider(connection, s_ecrToken);
        var harness = Harness(s_ecrToken);
        harness.Ecr
            .Setup(e => e.DescribeRepositoryAsync(
                It.IsAny<AwsEcrOptions>(), "billing-api", It.IsAny<CancellationToken>()))
            .ReturnsAsync((EcrRepository?)null);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Outcome,
            Is.EqualTo(ConnectionTestOutcome.Skipped));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Does.Contain("CreateRepositoryIfMissing creates it before the first push"));
        Assert.That(harness.Handler.Calls.Select(c => c.Method), Has.None.EqualTo(HttpMethod.Post));
    }

    [Test]
    public async Task Ecr_TagsOfMissingRepository_FailRepositoryEvenWhenTheUploadOpens()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), s_ecrToken);
        var harness = Harness(s_ecrToken);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Repository));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Does.Contain("ECR does not create repositories on push"));
    }

    [Test]
    public async Task Ecr_CreateRepositoryIfMissing_PassesAMissingRepository()
    {
        var connection = ConnectionSamples.Ecr();
        connection.AwsEcr!.CreateRepositoryIfMissing = true;
        var provider = ConnectionTestHarness.Provider(connection, s_ecrToken);
        var harness = Harness(s_ecrToken, r => r.Method == HttpMethod.Post
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")
            : null);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Permission).Outcome,
            Is.EqualTo(ConnectionTestOutcome.Skipped));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Repository).Detail,
            Does.Contain("CreateRepositoryIfMissing creates it before the first push"));
    }

    [Test]
    public async Task Ecr_NoImageNamed_SkipsPermissionAndRepository()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), s_ecrToken);
        var harness = Harness(s_ecrToken);

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.None));
        Assert.That(
            report.Steps.Where(s => s.Stage >= ConnectionTestStage.Permission).Select(s => s.Detail),
            Is.All.Contains("ECR keeps one repository per image"));
        Assert.That(harness.Handler.Calls.Select(c => c.Method), Has.None.EqualTo(HttpMethod.Post));
        Assert.That(report.Verdict(), Does.EndWith("its credentials work; push permission was not checked"));
    }

    [Test]
    public async Task Ecr_ExchangeRefused_PointsAtTheAccessKeys()
    {
        var refusing = new Mock<IRegistryCredentialSource>();
        refusing
            .Setup(s => s.GetCredentialAsync(It.IsAny<RegistryScope>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryAuthenticationException("ECR refused the access key AKIAIOSFODNN7EXAMPLE."));
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ecr(), refusing.Object);
        var harness = Harness(s_ecrToken);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(
            report.Steps.Single(s => s.Stage == ConnectionTestStage.Credentials).Detail,
            Does.StartWith("the credential exchange was refused: ECR refused"));
        Assert.That(
            report.Remedy, Does.Contain("AccessKeyId and SecretAccessKey").And.Contain("ecr:GetAuthorizationToken"));
    }

    [Test]
    public async Task Ghcr_TokenRefused_AsksForAClassicPatWithWritePackages()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ghcr());
        var harness = Harness(new RegistryCredential("octocat", new Secret("another-token")));

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(report.Remedy, Does.Contain("classic personal access token with write:packages"));
    }

    [Test]
    public async Task Ghcr_UploadDenied_NamesWritePackagesAndPackageAccess()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.Ghcr());
        var harness = Harness(Credential(ConnectionSamples.Ghcr()), Deny("permission_denied: write_package"));

        var report = await harness.TestAsync(provider, "Billing-API");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(report.Repository, Is.EqualTo("octocat/billing-api"));
        Assert.That(report.Remedy, Does.Contain("write:packages").And.Contain("Manage access"));
    }

    [Test]
    public async Task JFrog_UnknownRepository_NamesTheKeyAndTheAccessMethod()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.JFrog());
        var harness = Harness(Credential(ConnectionSamples.JFrog()), r => r.Method == HttpMethod.Post
            ? ScriptedRegistryHandler.Errors(HttpStatusCode.NotFound, "NAME_UNKNOWN", "Repository not found")
            : null);

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Repository));
        Assert.That(report.Repository, Is.EqualTo("docker-local/billing-api"));
        Assert.That(
            report.Remedy, Does.StartWith("Check RepositoryKey ('docker-local')").And.Contain("DockerAccessMethod"));
    }

    [Test]
    public async Task JFrog_UploadDenied_AsksForDeployPermissionOnTheKey()
    {
        var provider = ConnectionTestHarness.Provider(ConnectionSamples.JFrog());
        var harness = Harness(Credential(ConnectionSamples.JFrog()), Deny("not permitted to deploy"));

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(report.Remedy, Does.Contain("Deploy/Cache permission on the repository key 'docker-local'"));
    }

    [Test]
    public async Task Acr_AdminUserRefused_SaysHowToEnableItOrUseAToken()
    {
        var provider = ConnectionTestHarness.Provider(AcrAdmin());
        var harness = Harness(new RegistryCredential("myregistry", new Secret("rotated")));

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(report.Remedy, Does.Contain("--admin-enabled true").And.Contain("repository-scoped token"));
    }

    [Test]
    public async Task Acr_UploadDenied_NamesTheScopeMapAndAcrPush()
    {
        var provider = ConnectionTestHarness.Provider(AcrAdmin());
        var harness = Harness(Credential(AcrAdmin()), Deny("repository scope denied"));

        var report = await harness.TestAsync(provider, "billing-api");

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Permission));
        Assert.That(report.Remedy, Does.Contain("scope map with content/write").And.Contain("AcrPush"));
    }

    [Test]
    public async Task Acr_ServicePrincipalRefused_NamesTheSecretFields()
    {
        var provider = ConnectionTestHarness.Provider(
            ConnectionSamples.Acr(), new RegistryCredential("00000000-0000-0000-0000-000000000000", new Secret("r")));
        var harness = Harness(new RegistryCredential("00000000-0000-0000-0000-000000000000", new Secret("other")));

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Credentials));
        Assert.That(report.Remedy, Does.Contain("TenantId, ClientId and ClientSecret"));
    }

    [TestCase(RegistryProviderKind.GcpArtifactRegistry, "LOCATION-docker.pkg.dev")]
    [TestCase(RegistryProviderKind.AwsEcr, "ACCOUNT.dkr.ecr.REGION.amazonaws.com")]
    [TestCase(RegistryProviderKind.AzureContainerRegistry, "NAME.azurecr.io")]
    [TestCase(RegistryProviderKind.JFrogArtifactory, "DockerAccessMethod")]
    [TestCase(RegistryProviderKind.GitHubContainerRegistry, "containers.HOST")]
    [TestCase(RegistryProviderKind.OciRegistry, "Url")]
    public async Task Host_Unreachable_NamesTheProvidersHostFields(RegistryProviderKind kind, string expected)
    {
        var connection = ConnectionSamples.All().Single(s => s.Provider == kind).Create();
        var provider = ConnectionTestHarness.Provider(connection, s_garToken);
        var harness = Harness(s_garToken);
        harness.Probe.ConnectError = System.Net.Sockets.SocketError.TimedOut;

        var report = await harness.TestAsync(provider);

        Assert.That(report.Failure, Is.EqualTo(ConnectionTestFailure.Host));
        Assert.That(report.Remedy, Does.StartWith($"Check that {report.Registry} is the registry's address"));
        Assert.That(report.Remedy, Does.Contain(expected));
    }

    private static ConnectionTestHarness Harness(
        RegistryCredential accepted, Func<HttpRequestMessage, HttpResponseMessage?>? answer = null) =>
        new(
            "https://registry.test",
            "Basic " + ScriptedRegistryHandler.BasicValue(accepted.Username, accepted.Password.Reveal()))
        {
            Handler = { Override = answer },
        };

    private static Func<HttpRequestMessage, HttpResponseMessage?> Deny(string message) =>
        r => r.Method == HttpMethod.Post && r.Headers.Authorization is not null
            ? ScriptedRegistryHandler.Errors(HttpStatusCode.Forbidden, "DENIED", message)
            : null;

    private static RegistryCredential Credential(RegistryConnectionOptions connection) =>
        connection.Provider switch
        {
            RegistryProviderKind.GitHubContainerRegistry => new(
                connection.GitHubContainerRegistry!.Username!, connection.GitHubContainerRegistry.PersonalAccessToken!),
            RegistryProviderKind.JFrogArtifactory => new(
                connection.JFrogArtifactory!.Username!, connection.JFrogArtifactory.AccessToken!),
            _ => new(connection.AzureContainerRegistry!.Username!, connection.AzureContainerRegistry.Password!),
        };

    private static RegistryConnectionOptions AcrAdmin() => new()
    {
        Name = "azure-images",
        Provider = RegistryProviderKind.AzureContainerRegistry,
        AzureContainerRegistry = new AzureContainerRegistryOptions
        {
            RegistryName = "myregistry",
            Username = "myregistry",
            Password = new Secret("admin-password"),
        },
    };
}

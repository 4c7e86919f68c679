using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Providers.Aws;
using Planton.Registry.Sdk.Providers.Oci;
using Planton.Registry.Sdk.Tests.Credentials;

namespace Planton.Registry.Sdk.Tests.Providers;

public sealed class RepositoryPreparerTests
{
    private Mock<IEcrApi> _ecr = null!;

    [SetUp]
    public void SetUp() => _ecr = new Mock<IEcrApi>(MockBehavior.Strict);

    [Test]
    public async Task EnsureRepositoryAsync_NotEcr_AsksNothing()
    {
        var provider = new OciRegistryProvider(new RegistryConnectionOptions
        {
            Name = "oci",
            Provider = RegistryProviderKind.OciRegistry,
            OciRegistry = new OciRegistryOptions { Url = "http://127.0.0.1:5001" },
        });

        await Preparer().EnsureRepositoryAsync(provider, "team/api");

        _ecr.VerifyNoOtherCalls();
    }

    [Test]
    public async Task EnsureRepositoryAsync_RepositoryExists_CreatesNothing()
    {
        _ecr.Setup(e => e.DescribeRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EcrRepository("team/api", null, null));

        await Preparer().EnsureRepositoryAsync(Ecr(create: false), "team/api");

        _ecr.Verify(
            e => e.CreateRepositoryAsync(It.IsAny<AwsEcrOptions>(), It.IsAny<string>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Test]
    public void EnsureRepositoryAsync_MissingAndNotAllowedToCreate_ThrowsNotFoundSayingHowToFixIt()
    {
        _ecr.Setup(e => e.DescribeRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ReturnsAsync((EcrRepository?)null);

        var error = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => Preparer().EnsureRepositoryAsync(Ecr(create: false), "team/api"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.IsNotFound, Is.True);
            Assert.That(
                error.Message,
                Does.Contain("'team/api' does not exist in account 123456789012, region us-east-1")
                    .And.Contain("AwsEcr:CreateRepositoryIfMissing"));
        });
    }

    [Test]
    public async Task EnsureRepositoryAsync_MissingAndAllowedToCreate_CreatesIt()
    {
        _ecr.Setup(e => e.DescribeRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ReturnsAsync((EcrRepository?)null);
        _ecr.Setup(e => e.CreateRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EcrRepository("team/api", null, null));

        await Preparer().EnsureRepositoryAsync(Ecr(create: true), "team/api");

        _ecr.Verify(
            e => e.CreateRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task EnsureRepositoryAsync_CreatedMeanwhileByAnotherPush_Succeeds()
    {
        _ecr.Setup(e => e.DescribeRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ReturnsAsync((EcrRepository?)null);
        _ecr.Setup(e => e.CreateRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryRequestFailedException(
                "POST", new Uri("https://api.ecr.us-east-1.amazonaws.com/"), HttpStatusCode.BadRequest,
                [new OciError("RepositoryAlreadyExistsException", "exists")]));

        await Preparer().EnsureRepositoryAsync(Ecr(create: true), "team/api");
    }

    [Test]
    public async Task EnsureRepositoryAsync_DescribeRefused_SkipsTheCheck()
    {
        _ecr.Setup(e => e.DescribeRepositoryAsync(It.IsAny<AwsEcrOptions>(), "team/api", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryAuthenticationException("AccessDeniedException"));

        await Preparer().EnsureRepositoryAsync(Ecr(create: true), "team/api");

        _ecr.Verify(
            e => e.CreateRepositoryAsync(It.IsAny<AwsEcrOptions>(), It.IsAny<string>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    private RepositoryPreparer Preparer() => new(_ecr.Object, NullLogger<RepositoryPreparer>.Instance);

    private static EcrRegistryProvider Ecr(bool create)
    {
        var connection = CloudCredentialSourcesTests.Ecr(null);
        connection.AwsEcr!.CreateRepositoryIfMissing = create;
        return new EcrRegistryProvider(connection, StaticCredentialSource.Anonymous);
    }
}

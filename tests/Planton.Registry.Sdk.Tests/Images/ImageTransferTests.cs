using System.Net;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Tests.Images;

public sealed class ImageTransferTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-transfer-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task PushAsync_EcrRepositoryMissing_NeverTouchesTheRegistry()
    {
        var layout = await MakeLayoutAsync();
        var provider = Ecr();
        var client = new Mock<IOciRegistryClient>(MockBehavior.Strict);
        var repositories = new Mock<IRepositoryPreparer>(MockBehavior.Strict);
        repositories
            .Setup(r => r.EnsureRepositoryAsync(provider, "team/api", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryRequestFailedException(
                "POST", new Uri("https://api.ecr.us-east-1.amazonaws.com/"), HttpStatusCode.NotFound, [], "missing"));
        var transfer = new ImageTransfer(client.Object, repositories.Object);

        Assert.That(
            async () => await transfer.PushAsync(provider, layout, "team/api", "v1"),
            Throws.TypeOf<RegistryRequestFailedException>().With.Property("IsNotFound").True);
        client.VerifyNoOtherCalls();
    }

    [Test]
    public async Task PushAsync_Ecr_PreparesTheRepositoryThenPushesOneBlobAtATime()
    {
        var layout = await MakeLayoutAsync();
        var provider = Ecr();
        var order = new List<string>();
        var repositories = new Mock<IRepositoryPreparer>(MockBehavior.Strict);
        repositories
            .Setup(r => r.EnsureRepositoryAsync(provider, "team/api", It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("prepare"))
            .Returns(Task.CompletedTask);
        PushOptions? seen = null;
        var client = new Mock<IOciRegistryClient>(MockBehavior.Strict);
        client
            .Setup(c => c.PushAsync(
                It.Is<RegistryEndpoint>(e => e.Host == "123456789012.dkr.ecr.us-east-1.amazonaws.com"),
                provider.Credentials,
                "team/api",
                It.IsAny<OciImageLayout>(),
                "v1",
                It.IsAny<PushOptions>(),
                It.IsAny<CancellationToken>()))
            .Callback<RegistryEndpoint, IRegistryCredentialSource, string, OciImageLayout, string, PushOptions?,
                CancellationToken>((_, _, _, _, _, options, _) =>
                {
                    order.Add("push");
                    seen = options;
                })
            .ReturnsAsync(new PushResult(
                "sha256:" + new string('a', 64), 10, "application/vnd.oci.image.manifest.v1+json", 2, 0));
        var transfer = new ImageTransfer(client.Object, repositories.Object);

        var result = await transfer.PushAsync(
            provider, layout, "team/api", "v1", new PushOptions { MaxParallelBlobs = 8 });

        Assert.That(order, Is.EqualTo(new[] { "prepare", "push" }));
        Assert.That(seen!.MaxParallelBlobs, Is.EqualTo(1));
        Assert.That(seen.ChunkSize, Is.GreaterThanOrEqualTo(5 * 1024 * 1024));
        Assert.That(
            result.ToString(),
            Is.EqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:v1@sha256:" + new string('a', 64)));
    }

    [Test]
    public void ApplyRules_ProgressGiven_KeepsTheCallersSink()
    {
        var progress = new Progress<TransferProgress>();

        var effective = ImageTransfer.ApplyRules(TransferRules.Default, new PushOptions { Progress = progress });

        Assert.That(effective.Progress, Is.SameAs(progress));
    }

    [Test]
    public async Task PullAsync_Provider_TellsTheClientItsKindForTelemetry()
    {
        PullOptions? seen = null;
        var client = new Mock<IOciRegistryClient>(MockBehavior.Strict);
        client
            .Setup(c => c.PullAsync(
                It.IsAny<RegistryEndpoint>(),
                It.IsAny<IRegistryCredentialSource>(),
                "team/api",
                "v1",
                _work,
                It.IsAny<PullOptions>(),
                It.IsAny<CancellationToken>()))
            .Callback<RegistryEndpoint, IRegistryCredentialSource, string, string, string, PullOptions?,
                CancellationToken>((_, _, _, _, _, options, _) => seen = options)
            .ReturnsAsync(new PullResult(
                "sha256:" + new string('a', 64), "application/vnd.oci.image.manifest.v1+json", 1, 1));
        var transfer = new ImageTransfer(client.Object, new Mock<IRepositoryPreparer>(MockBehavior.Strict).Object);

        await transfer.PullAsync(
            Ecr(), ImageReference.Parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:v1"), _work);

        Assert.That(seen!.ProviderKind, Is.EqualTo("AwsEcr"));
    }

    [Test]
    public void PullAsync_ReferenceOnAnotherRegistry_IsRefusedBeforeAnyRequest()
    {
        var client = new Mock<IOciRegistryClient>(MockBehavior.Strict);
        var transfer = new ImageTransfer(client.Object, new Mock<IRepositoryPreparer>(MockBehavior.Strict).Object);

        Assert.That(
            async () => await transfer.PullAsync(Ecr(), ImageReference.Parse("ghcr.io/acme/api:v1"), _work),
            Throws.TypeOf<RegistryConfigurationException>());
        client.VerifyNoOtherCalls();
    }

    [TestCase("v2", "v2")]
    [TestCase("v9", null)]
    public async Task PushAsync_NoLayoutReference_PicksTheEntryNamedLikeTheTag(string tag, string? expected)
    {
        var layout = await MakeLayoutAsync();
        var other = Directory.CreateDirectory(Path.Combine(_work, "src2")).FullName;
        await File.WriteAllTextAsync(Path.Combine(other, "b.txt"), "b");
        await OciImageLayout.CreateFromFilesAsync(other, layout, "v2");
        var provider = Ecr();
        var repositories = new Mock<IRepositoryPreparer>();
        PushOptions? seen = null;
        var client = new Mock<IOciRegistryClient>(MockBehavior.Strict);
        client
            .Setup(c => c.PushAsync(
                It.IsAny<RegistryEndpoint>(), provider.Credentials, "team/api", It.IsAny<OciImageLayout>(), tag,
                It.IsAny<PushOptions>(), It.IsAny<CancellationToken>()))
            .Callback<RegistryEndpoint, IRegistryCredentialSource, string, OciImageLayout, string, PushOptions?,
                CancellationToken>((_, _, _, _, _, options, _) => seen = options)
            .ReturnsAsync(new PushResult(
                "sha256:" + new string('a', 64), 10, "application/vnd.oci.image.manifest.v1+json", 2, 0));
        var transfer = new ImageTransfer(client.Object, repositories.Object);

        await transfer.PushAsync(provider, layout, "team/api", tag);

        Assert.That(seen!.LayoutReference, Is.EqualTo(expected));
    }

    private async Task<string> MakeLayoutAsync()
    {
        var source = Directory.CreateDirectory(Path.Combine(_work, "src")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "a");
        var layout = Path.Combine(_work, "layout");
        await OciImageLayout.CreateFromFilesAsync(source, layout, "v1");
        return layout;
    }

    private static IRegistryProvider Ecr()
    {
        var connection = new RegistryConnectionOptions
        {
            Name = "ecr",
            Provider = RegistryProviderKind.AwsEcr,
            AwsEcr = new AwsEcrOptions
            {
                AccountId = "123456789012",
                Region = "us-east-1",
                AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                SecretAccessKey = new Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            },
        };
        return new RegistryProviderFactory(new Mock<ICloudCredentialSources>().Object).Create(connection);
    }
}

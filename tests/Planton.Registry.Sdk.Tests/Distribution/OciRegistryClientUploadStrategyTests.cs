using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientUploadStrategyTests
{
    private const string Repository = "team/app";
    private const int MiB = 1024 * 1024;

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-strategy-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [TestCase(1000, null, 1000L)]
    [TestCase(1000, 4096L, 4096L)]
    [TestCase(8192, 4096L, 8192L)]
    [TestCase(5 * MiB, 6L * MiB, 6L * MiB)]
    public void ChunkLength_CallerSizeAndRegistryMinimum_TakesTheLarger(int chunkSize, long? minimum, long expected) =>
        Assert.That(OciRegistryClient.ChunkLength(chunkSize, minimum), Is.EqualTo(expected));

    [TestCase(1000, null, new[] { "0-999", "1000-1999", "2000-2499" })]
    [TestCase(1000, 2048L, new[] { "0-2047", "2048-2499" })]
    [TestCase(4000, 2048L, new[] { "0-2499" })]
    public async Task PushAsync_Chunked_ChunksHonourOciChunkMinLength(int chunkSize, long? minimum, string[] ranges)
    {
        var registry = new FakeRegistry { ChunkMinLength = minimum };
        var image = TestImage.Create(2500);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = chunkSize, MaxParallelBlobs = 1 });

        Assert.That(result.BlobsUploaded, Is.EqualTo(2));
        var layerPatches = registry.Requests
            .Where(r => r.Method == "PATCH" && r.ContentRange is not null && r.BodyLength > 0)
            .Select(r => r.ContentRange)
            .Where(r => r != $"0-{image.Config.Length - 1}")
            .ToList();
        Assert.That(layerPatches, Is.EqualTo(ranges));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        var uploadPuts = registry.Requests.Where(r => r.Method == "PUT" && r.Uri.AbsolutePath.Contains("/uploads/"));
        Assert.That(uploadPuts.Select(r => r.BodyLength), Is.All.Zero);
    }

    [Test]
    public async Task PushAsync_EcrRules_ChunksAreAtLeastFiveMiB()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(12 * MiB);
        var client = OciRegistryClient.Create(new HttpClient(registry));
        var options = ImageTransfer.ApplyRules(
            TransferRules.Ecr, new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = 64 * 1024 });

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1", options);

        var ranges = registry.Requests
            .Where(r => r.Method == "PATCH" && r.BodyLength > 1000)
            .Select(r => r.ContentRange)
            .ToList();
        Assert.That(ranges, Is.EqualTo(new[] { "0-5242879", "5242880-10485759", "10485760-12582911" }));
    }

    [Test]
    public async Task PushAsync_Monolithic_RefusedUpload_ThrowsWithoutChunks()
    {
        var registry = new FakeRegistry { RejectMonolithicUploads = true };
        var client = OciRegistryClient.Create(new HttpClient(registry));
        var layout = await WriteLayoutAsync(TestImage.Create(3000));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Monolithic }));

        Assert.That(exception!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.RequestEntityTooLarge));
        Assert.That(registry.Requests.Where(r => r.Method == "PATCH"), Is.Empty);
    }

    [Test]
    public async Task PushAsync_FallbackStrategy_MonolithicPutFails_UploadsInChunksThroughANewSession()
    {
        var registry = new FakeRegistry { RejectMonolithicUploads = true };
        var image = TestImage.Create(3000);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions
            {
                UploadStrategy = UploadStrategy.MonolithicWithChunkedFallback, ChunkSize = 1024, MaxParallelBlobs = 1,
            });

        Assert.That(result.BlobsUploaded, Is.EqualTo(2));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        Assert.That(registry.Requests.Count(r => r.Method == "POST"), Is.EqualTo(4));
        Assert.That(
            registry.Requests.Where(r => r.Method == "PATCH").Select(r => r.ContentRange),
            Does.Contain("2048-2999"));
    }

    [Test]
    public async Task PushAsync_FallbackStrategy_DigestInvalid_IsNotRetriedInChunks()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(3000);
        var layout = await WriteLayoutAsync(image);
        var layerPath = layout.GetBlobPath(FakeRegistry.Sha256(image.Layers[0]));
        var corrupt = await File.ReadAllBytesAsync(layerPath);
        corrupt[0] ^= 0xFF;
        await File.WriteAllBytesAsync(layerPath, corrupt);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<OciLayoutException>(() => client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1"));

        var registryError = exception!.InnerException as RegistryRequestFailedException;
        Assert.That(registryError?.Errors.Select(e => e.Code), Does.Contain("DIGEST_INVALID"));
        Assert.That(registry.Requests.Where(r => r.Method == "PATCH"), Is.Empty);
    }

    [Test]
    public void ApplyRules_Ecr_OneBlobAtATimeAndFiveMiBChunks_CallerOptionsUntouched()
    {
        var given = new PushOptions { MaxParallelBlobs = 8, ChunkSize = 1024, LayoutReference = "app" };

        var effective = ImageTransfer.ApplyRules(TransferRules.Ecr, given);

        Assert.That(effective.MaxParallelBlobs, Is.EqualTo(1));
        Assert.That(effective.ChunkSize, Is.EqualTo(5 * MiB));
        Assert.That(effective.LayoutReference, Is.EqualTo("app"));
        Assert.That(effective.UploadStrategy, Is.EqualTo(UploadStrategy.MonolithicWithChunkedFallback));
        Assert.That((given.MaxParallelBlobs, given.ChunkSize), Is.EqualTo((8, 1024)));
    }

    [TestCase(UploadStrategy.MonolithicWithChunkedFallback, UploadStrategy.Chunked, UploadStrategy.Chunked)]
    [TestCase(UploadStrategy.Monolithic, UploadStrategy.Chunked, UploadStrategy.Monolithic)]
    [TestCase(UploadStrategy.Chunked, UploadStrategy.MonolithicWithChunkedFallback, UploadStrategy.Chunked)]
    public void ApplyRules_ProviderStrategy_ReplacesOnlyTheDefault(
        UploadStrategy callers, UploadStrategy providers, UploadStrategy expected)
    {
        var rules = TransferRules.Default with { UploadStrategy = providers };

        var effective = ImageTransfer.ApplyRules(rules, new PushOptions { UploadStrategy = callers });

        Assert.That(effective.UploadStrategy, Is.EqualTo(expected));
    }

    [Test]
    public async Task PushAsync_UndefinedStrategy_Throws()
    {
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));
        var layout = await WriteLayoutAsync(TestImage.Create(5));

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1",
            new PushOptions { UploadStrategy = (UploadStrategy)42 }));
    }

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }
}

using System.Net;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Resilience;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientResumeTests
{
    private const string Repository = "team/app";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-resume-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [TestCase(null, 0L)]
    [TestCase("", 0L)]
    [TestCase("0-0", 0L)]
    [TestCase("0-1", 2L)]
    [TestCase("0-999", 1000L)]
    [TestCase("bytes=0-4095", 4096L)]
    [TestCase(" 0-9 ", 10L)]
    [TestCase("5-9", null)]
    [TestCase("0-", null)]
    [TestCase("-9", null)]
    [TestCase("0-x", null)]
    [TestCase("0--1", null)]
    [TestCase("0-9223372036854775807", null)]
    [TestCase("0-99999999999999999999", null)]
    public void ReceivedBytes_RangeHeader_GivesTheNextOffset(string? range, long? expected) =>
        Assert.That(OciRegistryClient.ReceivedBytes(range), Is.EqualTo(expected));

    [Test]
    public async Task PushAsync_MonolithicPutDropsMidBody_AsksWhereItStandsAndSendsTheRestInChunks()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(3000);
        var dropped = 0;
        registry.Intercept = (request, route) =>
        {
            if (request.Method == HttpMethod.Put && request.Content?.Headers.ContentLength == 3000
                && Interlocked.Increment(ref dropped) == 1)
            {
                registry.ReceivePartially(UploadId(request), image.Layers[0][..1200]);
                throw new HttpRequestException("The response ended prematurely.");
            }

            return route();
        };

        var result = await Client(registry).PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Monolithic, ChunkSize = 1000, MaxParallelBlobs = 1 });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        var layerRequests = registry.Requests.SkipWhile(r => !(r.Method == "PUT" && r.BodyLength == 3000)).ToList();
        Assert.That(layerRequests.Select(Describe).Take(6), Is.EqualTo(new[]
        {
            "PUT 3000", "HEAD", "GET upload", "PATCH 1200-2199", "PATCH 2200-2999", "PUT 0",
        }));
        Assert.That(registry.Manifests.ContainsKey($"{Repository}@v1"), Is.True);
    }

    [Test]
    public async Task PushAsync_ChunkDropsAfterFirst_ContinuesFromTheConfirmedOffset()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2500);
        var layerPatches = 0;
        registry.Intercept = (request, route) =>
        {
            if (request.Method == HttpMethod.Patch && request.Content?.Headers.ContentLength is 1000 or 500
                && Interlocked.Increment(ref layerPatches) == 2)
            {
                throw new HttpRequestException("Connection reset by peer.");
            }

            return route();
        };

        var result = await Client(registry).PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = 1000, MaxParallelBlobs = 1 });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        var ranges = registry.Requests
            .Where(r => r.Method == "PATCH" && r.BodyLength > 0 && r.BodyLength != image.Config.Length)
            .Select(r => r.ContentRange);
        Assert.That(ranges, Is.EqualTo(new[] { "0-999", "1000-1999", "1000-1999", "2000-2499" }));
        Assert.That(registry.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
    }

    [Test]
    public async Task PushAsync_RegistryForgotTheUpload_StartsANewOne()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2500);
        var failed = 0;
        registry.Intercept = (request, route) =>
        {
            if (request.Method == HttpMethod.Patch && request.Content?.Headers.ContentLength == 1000
                && Interlocked.Increment(ref failed) == 2)
            {
                registry.ForgetUploads();
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            return route();
        };

        var result = await Client(registry).PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = 1000, MaxParallelBlobs = 1 });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        Assert.That(registry.Requests.Count(r => r.Method == "POST"), Is.EqualTo(3));
        Assert.That(
            registry.Requests.Where(r => r.Method == "PATCH" && r.BodyLength == 1000).Select(r => r.ContentRange),
            Is.EqualTo(new[] { "0-999", "1000-1999", "0-999", "1000-1999" }));
    }

    [Test]
    public async Task PushAsync_RangeMismatch416_RestartsTheUpload()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2000);
        var sabotaged = 0;
        registry.Intercept = (request, route) =>
        {
            if (request.Method == HttpMethod.Patch && request.Content?.Headers.ContentLength == 1000
                && Interlocked.Increment(ref sabotaged) == 1)
            {
                registry.ReceivePartially(UploadId(request), [1]);
            }

            return route();
        };

        var result = await Client(registry).PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = 1000, MaxParallelBlobs = 1 });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        Assert.That(registry.Requests.Count(r => r.Method == "POST"), Is.EqualTo(3));
    }

    [Test]
    public async Task PushAsync_ClosingPutAnswerLost_HeadConfirmsTheBlob()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(1500);
        var lost = 0;
        var layerHex = FakeRegistry.Sha256(image.Layers[0])[7..];
        registry.Intercept = (request, route) =>
        {
            var response = route();
            if (request.Method == HttpMethod.Put && request.Content?.Headers.ContentLength == 0
                && request.RequestUri!.Query.Contains(layerHex, StringComparison.Ordinal)
                && Interlocked.Increment(ref lost) == 1)
            {
                throw new HttpRequestException("The response ended prematurely.");
            }

            return response;
        };

        var result = await Client(registry).PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Chunked, ChunkSize = 1000, MaxParallelBlobs = 1 });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        var afterLoss = registry.Requests
            .SkipWhile(r => !(r.Method == "PUT" && r.Uri.Query.Contains(layerHex, StringComparison.Ordinal)))
            .Skip(1)
            .First();
        Assert.That(afterLoss.Method, Is.EqualTo("HEAD"));
        Assert.That(registry.Requests.Count(r => r.Method == "PATCH" && r.BodyLength == 1000), Is.EqualTo(1));
    }

    [Test]
    public async Task PushAsync_EveryOtherChunkBreaks_CompletesBecauseEachResumeMakesProgress()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2000);
        var patches = 0;
        registry.Intercept = (request, route) =>
            request.Method == HttpMethod.Patch && Interlocked.Increment(ref patches) % 2 == 1
                ? throw new HttpRequestException("Connection reset by peer.")
                : route();
        var client = Client(registry, new RegistryResilienceOptions { MaxUploadResumes = 2 });

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { ChunkSize = 200, MaxParallelBlobs = 1, UploadStrategy = UploadStrategy.Chunked });

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(patches, Is.GreaterThan(2 * 10));
    }

    [Test]
    public async Task PushAsync_EveryBlobUploadBreaks_FailsAfterTheResumesAndKeepsTheOldTag()
    {
        var registry = new FakeRegistry();
        var old = TestImage.Create(100);
        old.SeedInto(registry, Repository, "v1");
        var image = TestImage.Create(2000);
        registry.Intercept = (request, route) =>
            request.Method == HttpMethod.Put && request.Content?.Headers.ContentLength > 0
            || request.Method == HttpMethod.Patch
                ? throw new HttpRequestException("Connection reset by peer.")
                : route();
        var client = Client(registry, new RegistryResilienceOptions { MaxUploadResumes = 2 });

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { ChunkSize = 1000, MaxParallelBlobs = 1 }));

        Assert.That(exception!.Message, Does.Contain("interrupted 3 times; gave up after 2 resumes"));
        Assert.That(registry.Requests.Where(r => r.Uri.AbsolutePath.Contains("/manifests/")), Is.Empty);
        Assert.That(registry.Manifests[$"{Repository}@v1"].Content, Is.EqualTo(old.Manifest));
    }

    [Test]
    public async Task PushAsync_NoResumesAllowed_FailsAtTheFirstInterruption()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2000);
        registry.Intercept = (request, route) =>
            request.Method == HttpMethod.Put && request.Content?.Headers.ContentLength > 0
                ? new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request }
                : route();
        var client = Client(registry, new RegistryResilienceOptions { MaxUploadResumes = 0 });

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { UploadStrategy = UploadStrategy.Monolithic, MaxParallelBlobs = 1 }));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(registry.Requests.Count(r => r.Method == "GET"), Is.Zero);
    }

    private static OciRegistryClient Client(FakeRegistry registry, RegistryResilienceOptions? resilience = null) =>
        OciRegistryClient.Create(new HttpClient(registry), resilience: resilience);

    private static string UploadId(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.Split('/')[^1];

    private static string Describe(RecordedRequest request) => request.Method switch
    {
        "PUT" => $"PUT {request.BodyLength}",
        "PATCH" => $"PATCH {request.ContentRange}",
        "GET" when request.Uri.AbsolutePath.Contains("/uploads/", StringComparison.Ordinal) => "GET upload",
        _ => request.Method,
    };

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }
}

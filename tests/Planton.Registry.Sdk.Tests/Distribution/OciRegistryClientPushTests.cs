using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientPushTests
{
    private const string Repository = "team/app";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-push-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public async Task PushAsync_Image_UploadsBlobsThenManifestWithItsMediaType()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100, 200);
        var layout = await WriteLayoutAsync(image);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1");

        var expected = new PushResult(image.Digest, image.Manifest.Length, TestImage.ManifestMediaType, 3, 0);
        Assert.That(result, Is.EqualTo(expected));
        Assert.That(registry.Manifests[$"{Repository}@v1"].Content, Is.EqualTo(image.Manifest));
        Assert.That(registry.Manifests[$"{Repository}@v1"].MediaType, Is.EqualTo(TestImage.ManifestMediaType));
        foreach (var blob in image.Blobs)
        {
            Assert.That(registry.Blobs[FakeRegistry.Sha256(blob)], Is.EqualTo(blob));
        }

        var last = registry.Requests[^1];
        Assert.That((last.Method, last.Uri.AbsolutePath), Is.EqualTo(("PUT", "/v2/team/app/manifests/v1")));
        var monolithic = registry.Requests
            .Where(r => r.Method == "PUT" && r.Uri.AbsolutePath.Contains("/uploads/"))
            .ToList();
        Assert.That(monolithic, Has.Count.EqualTo(3));
        Assert.That(monolithic.Select(r => r.Uri.Query), Has.All.StartWith("?_state=s0&digest=sha256%3A"));
    }

    [Test]
    public async Task PushAsync_BlobsAlreadyThere_SkipsThem()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100, 200);
        registry.AddBlob(image.Config);
        registry.AddBlob(image.Layers[1]);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1");

        Assert.That(result.BlobsUploaded, Is.EqualTo(1));
        Assert.That(result.BlobsSkipped, Is.EqualTo(2));
        Assert.That(registry.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1));
    }

    [Test]
    public async Task PushAsync_MonolithicRefused_FallsBackToChunksWithBareRanges()
    {
        var registry = new FakeRegistry { RejectMonolithicUploads = true, ChunkMinLength = 4096 };
        var image = TestImage.Create(10_000);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { ChunkSize = 1000 });

        Assert.That(result.BlobsUploaded, Is.EqualTo(2));
        Assert.That(registry.Blobs[FakeRegistry.Sha256(image.Layers[0])], Is.EqualTo(image.Layers[0]));
        var layerDigest = FakeRegistry.Sha256(image.Layers[0]);
        var ranges = registry.Requests.Where(r => r.Method == "PATCH" && r.BodyLength > 0 && r.ContentRange is not null)
            .Select(r => r.ContentRange).ToList();
        Assert.That(ranges, Does.Contain("0-4095").And.Contain("4096-8191").And.Contain("8192-9999"));
        Assert.That(ranges, Has.None.StartsWith("bytes"));
        var finalPut = registry.Requests
            .Last(r => r.Method == "PUT" && r.Uri.Query.Contains(layerDigest.Replace(":", "%3A")));
        Assert.That(finalPut.BodyLength, Is.Zero);
    }

    [Test]
    public async Task PushAsync_ForcedChunks_NeverTriesMonolithic()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(2500);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await WriteLayoutAsync(image), "v1",
            new PushOptions { ChunkSize = 1000, ForceChunkedUpload = true, MaxParallelBlobs = 1 });

        var uploads = registry.Requests.Where(r => r.Uri.AbsolutePath.Contains("/uploads/")).ToList();
        Assert.That(uploads.Where(r => r.Method == "PUT").Select(r => r.BodyLength), Is.All.Zero);
        Assert.That(uploads.Where(r => r.Method == "PATCH").Select(r => r.ContentRange), Does.Contain("2000-2499"));
    }

    [Test]
    public async Task PushAsync_RegistryReportsOtherDigest_Throws()
    {
        var registry = new FakeRegistry { LieAboutDigest = "sha256:" + new string('1', 64) };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository,
            await WriteLayoutAsync(TestImage.Create(5)), "v1"));

        Assert.That(exception!.Message, Does.Contain("stored the digest sha256:1111"));
    }

    [Test]
    public async Task PushAsync_BlobMissingFromLayout_ThrowsBeforeAnyRequest()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(5, 6);
        var layout = await WriteLayoutAsync(image);
        File.Delete(layout.GetBlobPath(FakeRegistry.Sha256(image.Layers[1])));
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<OciLayoutException>(
            () => client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1"));

        Assert.That(exception!.Path, Is.EqualTo("blobs/sha256/" + FakeRegistry.Sha256(image.Layers[1])[7..]));
        Assert.That(registry.Requests, Is.Empty);
    }

    [Test]
    public async Task PushAsync_CorruptManifestInLayout_Throws()
    {
        var image = TestImage.Create(5);
        var layout = await WriteLayoutAsync(image);
        await File.WriteAllTextAsync(layout.GetBlobPath(image.Digest), "{\"schemaVersion\":2}");
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));

        var exception = Assert.ThrowsAsync<OciLayoutException>(
            () => client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1"));

        Assert.That(exception!.Reason, Does.Contain("but its descriptor says"));
    }

    [Test]
    public async Task PushAsync_UnknownLayoutReference_ThrowsListingNames()
    {
        var layout = await WriteLayoutAsync(TestImage.Create(5));
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));

        var exception = Assert.ThrowsAsync<OciLayoutException>(() => client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1",
            new PushOptions { LayoutReference = "v9" }));

        Assert.That(exception!.Reason, Does.Contain("'v9'").And.Contain("'v1'"));
    }

    [TestCase(0)]
    [TestCase(33)]
    public async Task PushAsync_ParallelismOutOfRange_Throws(int parallel)
    {
        var layout = await WriteLayoutAsync(TestImage.Create(5));
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1",
            new PushOptions { MaxParallelBlobs = parallel }));
    }

    [Test]
    public async Task PushAsync_WithBasicCredentials_RepeatsNoBodyAfterChallenge()
    {
        var registry = new FakeRegistry { BasicUser = "u", BasicPassword = "p" };
        var client = OciRegistryClient.Create(new HttpClient(registry));
        var credentials = new StaticCredentialSource(new RegistryCredential("u", new Secret("p")));

        await client.PushAsync(s_endpoint, credentials, Repository, await WriteLayoutAsync(TestImage.Create(50)), "v1");

        var unauthenticated = registry.Requests.Where(r => r.Authorization is null).ToList();
        Assert.That(unauthenticated, Has.Count.EqualTo(1));
        Assert.That(unauthenticated[0].Method, Is.EqualTo("HEAD"));
    }

    [Test]
    public async Task PushAsync_EntriesAllOfOneManifest_PushesThatManifest()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100);
        var directory = Path.Combine(_work, "dup");
        image.WriteLayout(directory, "v1");
        var entry = TestImage.Descriptor(TestImage.ManifestMediaType, image.Manifest);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{entry[..^1]},\"annotations\":"
            + $"{{\"org.opencontainers.image.ref.name\":\"v1\"}}}},{entry}]}}");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await OciImageLayout.OpenAsync(directory), "v1");

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(registry.Manifests[$"{Repository}@v1"].Content, Is.EqualTo(image.Manifest));
    }

    [Test]
    public async Task PushAsync_SeveralImagesIndexWithoutMediaType_PushesAnIndexThatNamesIt()
    {
        var registry = new FakeRegistry();
        var first = TestImage.Create(100);
        var second = TestImage.Create(200);
        var directory = Path.Combine(_work, "multi");
        second.WriteLayout(directory, "v2");
        first.WriteLayout(directory, "v1");
        var entries = TestImage.Descriptor(TestImage.ManifestMediaType, first.Manifest) + ","
            + TestImage.Descriptor(TestImage.ManifestMediaType, second.Manifest);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "index.json"), $"{{\"schemaVersion\":2,\"manifests\":[{entries}]}}");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, await OciImageLayout.OpenAsync(directory), "v1");

        var pushed = registry.Manifests[$"{Repository}@v1"];
        using var document = System.Text.Json.JsonDocument.Parse(pushed.Content);
        Assert.That(
            document.RootElement.GetProperty("mediaType").GetString(),
            Is.EqualTo("application/vnd.oci.image.index.v1+json"));
        Assert.That(document.RootElement.GetProperty("manifests").GetArrayLength(), Is.EqualTo(2));
        Assert.That(result.Digest, Is.EqualTo(FakeRegistry.Sha256(pushed.Content)));
    }

    [Test]
    public async Task PushAsync_BlobBytesChangedInPlace_ThrowsLayoutExceptionSayingItIsCorrupt()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100);
        var layout = await WriteLayoutAsync(image);
        var path = layout.GetBlobPath(FakeRegistry.Sha256(image.Layers[0]));
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<OciLayoutException>(
            () => client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1"));

        Assert.That(exception!.Message, Does.Contain("does not match its digest"));
        Assert.That(exception.Message, Does.Contain("corrupt"));
        Assert.That(exception.InnerException, Is.TypeOf<RegistryRequestFailedException>());
    }

    [Test]
    public async Task PushAsync_BlobSizeChanged_ThrowsLayoutExceptionBeforeUploading()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100);
        var layout = await WriteLayoutAsync(image);
        await File.AppendAllTextAsync(layout.GetBlobPath(FakeRegistry.Sha256(image.Layers[0])), "x");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<OciLayoutException>(
            () => client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, layout, "v1"));

        Assert.That(exception!.Message, Does.Contain("101 bytes"));
        Assert.That(registry.Requests, Is.Empty);
    }

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }
}

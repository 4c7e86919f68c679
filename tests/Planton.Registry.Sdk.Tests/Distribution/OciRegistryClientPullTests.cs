using System.Text;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientPullTests
{
    private const string Repository = "team/app";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-pull-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public async Task PullAsync_Image_WritesVerifiedBlobsAndIndex()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(1000, 3000);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work);

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
        Assert.That(result.MediaType, Is.EqualTo(TestImage.ManifestMediaType));
        Assert.That(result.BlobsDownloaded, Is.EqualTo(3));
        Assert.That(result.BytesDownloaded, Is.EqualTo(image.Blobs.Sum(b => b.Length)));
        var layout = await OciImageLayout.OpenAsync(_work);
        foreach (var blob in image.Blobs.Append(image.Manifest))
        {
            Assert.That(await File.ReadAllBytesAsync(layout.GetBlobPath(FakeRegistry.Sha256(blob))), Is.EqualTo(blob));
        }

        Assert.That(layout.FindManifest("v1")?.Digest, Is.EqualTo(image.Digest));
        var manifestGet = registry.Requests.First(r => r.Uri.AbsolutePath.Contains("/manifests/"));
        Assert.That(manifestGet.Uri.AbsolutePath, Is.EqualTo("/v2/team/app/manifests/v1"));
        Assert.That(manifestGet.Accept, Is.EqualTo(
            "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json"));
    }

    [Test]
    public void PullAsync_TamperedBlob_ThrowsAndWritesNothing()
    {
        var registry = new FakeRegistry { TamperBlobs = true };
        var image = TestImage.Create(2048);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("digest"));
        var written = Directory.EnumerateFiles(Path.Combine(_work, "blobs"), "*", SearchOption.AllDirectories).ToList();
        Assert.That(written, Is.Empty);
        Assert.That(File.Exists(Path.Combine(_work, "index.json")), Is.False);
    }

    [Test]
    public void PullAsync_BlobLongerThanDescriptor_Throws()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(100);
        image.SeedInto(registry, Repository, "v1");
        var layerDigest = FakeRegistry.Sha256(image.Layers[0]);
        registry.Blobs[layerDigest] = [.. image.Layers[0], 1, 2, 3];
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("longer than the 100 bytes"));
    }

    [Test]
    public void PullAsync_ByDigestButOtherContent_Throws()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(10);
        var other = TestImage.Create(10);
        image.SeedInto(registry, Repository, "v1");
        registry.Manifests[$"{Repository}@{image.Digest}"] = (TestImage.ManifestMediaType, other.Manifest);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, image.Digest, _work));

        Assert.That(exception!.Message, Does.Contain(image.Digest));
        Assert.That(exception.Message, Does.Contain(other.Digest));
    }

    [Test]
    public void PullAsync_DockerContentDigestDisagrees_Throws()
    {
        var registry = new FakeRegistry { LieAboutDigest = "sha256:" + new string('0', 64) };
        TestImage.Create(10).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("sha256:" + new string('0', 64)));
    }

    [TestCase("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("sha256:deadbeef")]
    [TestCase("SHA256:0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("sha512:00")]
    public void PullAsync_ByTagWithWrongDockerContentDigest_ThrowsNamingBothDigests(string header)
    {
        var registry = new FakeRegistry { LieAboutDigest = header };
        var image = TestImage.Create(10);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain(header));
        Assert.That(exception.Message, Does.Contain(image.Digest));
        Assert.That(File.Exists(Path.Combine(_work, "index.json")), Is.False);
    }

    [Test]
    public async Task PullAsync_DockerContentDigestOfUnknownAlgorithm_IsNotChecked()
    {
        var registry = new FakeRegistry { LieAboutDigest = "blake3:" + new string('0', 64) };
        var image = TestImage.Create(10);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work);

        Assert.That(result.Digest, Is.EqualTo(image.Digest));
    }

    [Test]
    public void PullAsync_CancelledMidDownload_LeavesNoTempFile()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(3 * 1024 * 1024);
        image.SeedInto(registry, Repository, "v1");
        var layer = image.Layers[0];
        using var cancellation = new CancellationTokenSource();
        registry.Intercept = (request, route) =>
        {
            var response = route();
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith(
                    FakeRegistry.Sha256(layer), StringComparison.Ordinal))
            {
                response.Content = new StreamContent(new CancellingStream(layer, 1024 * 1024 + 10, cancellation));
            }

            return response;
        };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        Assert.That(
            async () => await client.PullAsync(
                s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work,
                cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());

        var left = Directory.GetFiles(Path.Combine(_work, "blobs"), "*.tmp", SearchOption.AllDirectories);
        Assert.That(left, Is.Empty);
    }

    [Test]
    public void PullAsync_MissingTag_IsNotFound()
    {
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "nope", _work));

        Assert.That(exception!.IsNotFound, Is.True);
        Assert.That(exception.Errors.Select(e => e.Code), Is.EqualTo(new[] { "MANIFEST_UNKNOWN" }));
        Assert.That(Directory.Exists(_work), Is.False);
    }

    [Test]
    public async Task PullAsync_ExistingLayout_KeepsOtherEntriesAndReplacesTheTag()
    {
        var registry = new FakeRegistry();
        var first = TestImage.Create(10);
        var second = TestImage.Create(20);
        var kept = TestImage.Create(30);
        first.SeedInto(registry, Repository, "v1");
        kept.SeedInto(registry, Repository, "keep");
        var client = OciRegistryClient.Create(new HttpClient(registry));
        await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "keep", _work);
        await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work);
        second.SeedInto(registry, Repository, "v1");

        var again = await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work);
        var byDigest = await client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, first.Digest, _work);

        var layout = await OciImageLayout.OpenAsync(_work);
        Assert.That(layout.Manifests.Select(m => (m.ReferenceName, m.Digest)), Is.EquivalentTo(new (string?, string)[]
        {
            ("keep", kept.Digest), ("v1", second.Digest), (null, first.Digest),
        }));
        Assert.That(again.BlobsDownloaded, Is.EqualTo(2));
        Assert.That(byDigest.BlobsDownloaded, Is.Zero);
    }

    [Test]
    public async Task PullAsync_ImageIndex_PullsEveryChildOrOnePlatform()
    {
        var registry = new FakeRegistry();
        var amd64 = TestImage.Create(10);
        var arm64 = TestImage.Create(20);
        amd64.SeedInto(registry, Repository, "amd64");
        arm64.SeedInto(registry, Repository, "arm64");
        var index = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + Entry(amd64, "amd64", null) + "," + Entry(arm64, "arm64", "v8") + "]}");
        registry.AddManifest(Repository, "multi", "application/vnd.oci.image.index.v1+json", index);
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var all = await client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "multi", Path.Combine(_work, "all"));
        var one = await client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "multi", Path.Combine(_work, "one"),
            new PullOptions { Platform = new OciPlatform("linux", "arm64") });

        Assert.That(all.Digest, Is.EqualTo(FakeRegistry.Sha256(index)));
        Assert.That(all.MediaType, Is.EqualTo("application/vnd.oci.image.index.v1+json"));
        Assert.That(all.BlobsDownloaded, Is.EqualTo(4));
        Assert.That(one.Digest, Is.EqualTo(arm64.Digest));
        Assert.That(one.BlobsDownloaded, Is.EqualTo(2));
        var oneLayout = await OciImageLayout.OpenAsync(Path.Combine(_work, "one"));
        Assert.That(oneLayout.FindManifest("multi")?.Platform, Is.EqualTo(new OciPlatform("linux", "arm64", "v8")));
        var missing = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "multi", Path.Combine(_work, "none"),
            new PullOptions { Platform = new OciPlatform("windows", "amd64") }));
        Assert.That(missing!.IsNotFound, Is.True);
        Assert.That(missing.Message, Does.Contain("linux/arm64/v8"));
    }

    [TestCase("Team/App", "v1")]
    [TestCase("team//app", "v1")]
    [TestCase("team/app/", "v1")]
    [TestCase("../etc", "v1")]
    [TestCase("team/app", "-v1")]
    [TestCase("team/app", "sha256:abc")]
    [TestCase("team/app", "v1/../../x")]
    public void PullAsync_MalformedRepositoryOrReference_ThrowsBeforeAnyRequest(string repository, string reference)
    {
        var registry = new FakeRegistry();
        var client = OciRegistryClient.Create(new HttpClient(registry));

        Assert.ThrowsAsync(
            Is.InstanceOf<ArgumentException>(),
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, repository, reference, _work));
        Assert.That(registry.Requests, Is.Empty);
    }

    [Test]
    public async Task ResolveDigestAsync_Tag_GivesDigestOrNull()
    {
        var registry = new FakeRegistry();
        var image = TestImage.Create(10);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var digest = await client.ResolveDigestAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1");
        var missing = await client.ResolveDigestAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v2");

        Assert.That(digest, Is.EqualTo(image.Digest));
        Assert.That(missing, Is.Null);
        Assert.That(registry.Requests.Select(r => r.Method), Is.All.EqualTo("HEAD"));
    }

    private static string Entry(TestImage image, string architecture, string? variant)
    {
        var platform = variant is null
            ? $"{{\"os\":\"linux\",\"architecture\":\"{architecture}\"}}"
            : $"{{\"os\":\"linux\",\"architecture\":\"{architecture}\",\"variant\":\"{variant}\"}}";
        return $"{{\"mediaType\":\"{TestImage.ManifestMediaType}\",\"digest\":\"{image.Digest}\","
            + $"\"size\":{image.Manifest.Length},\"platform\":{platform}}}";
    }
}

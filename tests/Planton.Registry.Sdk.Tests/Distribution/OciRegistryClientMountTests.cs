using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientMountTests
{
    private const string First = "team/app";
    private const string Second = "team/other";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-mount-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public async Task PushAsync_SecondRepository_MountsEveryBlobFromTheFirst()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true };
        var image = TestImage.Create(1000, 2000);
        var layout = await WriteLayoutAsync(image);
        var client = CreateClient(registry);
        await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, First, layout, "v1");
        var before = registry.Requests.Count;

        var result = await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Second, layout, "v1");

        Assert.That((result.BlobsMounted, result.BlobsUploaded, result.BlobsSkipped), Is.EqualTo((3, 0, 0)));
        var second = registry.Requests.Skip(before).ToList();
        var posts = second.Where(r => r.Method == "POST").ToList();
        Assert.That(posts, Has.Count.EqualTo(3));
        Assert.That(
            posts.Select(r => r.Uri.Query),
            Has.All.Contains("from=team%2Fapp").And.All.Contains("mount=sha256%3A"));
        var uploads = second.Where(r => r.Method is "PUT" or "PATCH" && r.Uri.AbsolutePath.Contains("/uploads/"));
        Assert.That(uploads, Is.Empty);
        foreach (var blob in image.Blobs)
        {
            Assert.That(registry.HasBlob(Second, FakeRegistry.Sha256(blob)), Is.True);
        }
    }

    [Test]
    public async Task PushAsync_MountAnswered202_UploadsThroughThatSession()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true, MountBehaviour = FakeMountBehaviour.Ignore };
        var image = TestImage.Create(1000, 2000);
        var layout = await WriteLayoutAsync(image);
        var client = CreateClient(registry);
        await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, First, layout, "v1");
        var before = registry.Requests.Count;

        var result = await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Second, layout, "v1");

        Assert.That((result.BlobsMounted, result.BlobsUploaded), Is.EqualTo((0, 3)));
        var second = registry.Requests.Skip(before).ToList();
        var posts = second.Where(r => r.Method == "POST").ToList();
        Assert.That(posts, Has.Count.EqualTo(3), "no upload was opened besides the refused mounts");
        Assert.That(posts.Select(r => r.Uri.Query), Has.All.Contains("mount="));
        var puts = second.Where(r => r.Method == "PUT" && r.Uri.AbsolutePath.Contains("/uploads/")).ToList();
        Assert.That(puts, Has.Count.EqualTo(3));
        foreach (var blob in image.Blobs)
        {
            Assert.That(registry.HasBlob(Second, FakeRegistry.Sha256(blob)), Is.True);
        }
    }

    [Test]
    public async Task PushAsync_MountFails_UploadsInstead()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true, MountBehaviour = FakeMountBehaviour.Fail };
        var image = TestImage.Create(1000);
        var layout = await WriteLayoutAsync(image);
        var client = CreateClient(registry);
        await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, First, layout, "v1");
        var before = registry.Requests.Count;

        var result = await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Second, layout, "v1");

        Assert.That((result.BlobsMounted, result.BlobsUploaded), Is.EqualTo((0, 2)));
        var posts = registry.Requests.Skip(before).Where(r => r.Method == "POST").ToList();
        Assert.That(posts.Count(r => r.Uri.Query.Contains("mount=")), Is.EqualTo(2));
        Assert.That(posts.Count(r => r.Uri.Query.Length == 0), Is.EqualTo(2));
        Assert.That(registry.HasBlob(Second, FakeRegistry.Sha256(image.Layers[0])), Is.True);
    }

    [Test]
    public async Task PushAsync_StaleCandidatesThen202_CancelsTheUnusedSessions()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true, MountBehaviour = FakeMountBehaviour.Ignore };
        var image = TestImage.Create(1000);
        var layout = await WriteLayoutAsync(image);
        var client = CreateClient(registry);
        var layer = FakeRegistry.Sha256(image.Layers[0]);
        client.BlobLocations!.Record("registry.test", layer, "gone/one");
        client.BlobLocations.Record("registry.test", layer, "gone/two");

        var result = await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, Second, layout, "v1");

        Assert.That(result.BlobsUploaded, Is.EqualTo(2));
        var layerMounts = registry.Requests.Where(r => r.Method == "POST" && r.Uri.Query.Contains("from=gone"));
        Assert.That(layerMounts.Count(), Is.EqualTo(2));
        Assert.That(registry.Requests.Count(r => r.Method == "DELETE"), Is.EqualTo(1));
    }

    [Test]
    public async Task PushAsync_MountingTurnedOff_SendsNoMountRequest()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true };
        var layout = await WriteLayoutAsync(TestImage.Create(1000));
        var client = CreateClient(registry);
        await client.PushAsync(s_endpoint, StaticCredentialSource.Anonymous, First, layout, "v1");

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Second, layout, "v1",
            new PushOptions { MountFromOtherRepositories = false });

        Assert.That((result.BlobsMounted, result.BlobsUploaded), Is.EqualTo((0, 2)));
        Assert.That(registry.Requests.Where(r => r.Uri.Query.Contains("mount=")), Is.Empty);
    }

    [Test]
    public async Task PullAsync_RemembersLocations_SoAPushElsewhereMounts()
    {
        var registry = new FakeRegistry { RepositoryScopedBlobs = true };
        var image = TestImage.Create(1000, 2000);
        image.SeedInto(registry, First, "v1");
        var client = CreateClient(registry);
        var pulled = Path.Combine(_work, "pulled");
        await client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, First, "v1", pulled);

        var result = await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Second, await OciImageLayout.OpenAsync(pulled), "v1");

        Assert.That(result.BlobsMounted, Is.EqualTo(3));
        Assert.That(File.Exists(client.BlobLocations!.FilePath), Is.True);
    }

    [Test]
    public async Task PushAsync_WithoutOptions_KeepsNoCacheFile()
    {
        var client = OciRegistryClient.Create(new HttpClient(new FakeRegistry()));

        await client.PushAsync(
            s_endpoint, StaticCredentialSource.Anonymous, First, await WriteLayoutAsync(TestImage.Create(10)), "v1");

        Assert.That(client.BlobLocations, Is.Null);
    }

    private OciRegistryClient CreateClient(FakeRegistry registry) =>
        OciRegistryClient.Create(
            new HttpClient(registry),
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new OciRegistryClientOptions { BlobLocationCachePath = Path.Combine(_work, "cache", "locations.json") });

    private async Task<OciImageLayout> WriteLayoutAsync(TestImage image)
    {
        var directory = Path.Combine(_work, "layout-" + Guid.NewGuid().ToString("N"));
        image.WriteLayout(directory, "v1");
        return await OciImageLayout.OpenAsync(directory);
    }
}

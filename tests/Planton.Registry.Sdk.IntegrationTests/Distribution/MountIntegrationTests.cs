using System.Text.Json;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

[Category("Integration")]
public sealed class MountIntegrationTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "planton-mount-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [TestCase("basic")]
    [TestCase("token")]
    [TestCase("anon")]
    public async Task PushAsync_SecondRepositoryOfTheSameRegistry_GetsItsBlobsMounted(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var layoutDirectory = Path.Combine(_work, "layout");
        TestLayouts.WriteMultiLayer(layoutDirectory, "v1", 40_000, 300_000);
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var recorder = new RecordingHandler(OciRegistryClient.CreatePrimaryHandler());
        using var http = new HttpClient(recorder);
        var client = OciRegistryClient.Create(
            http, options: new OciRegistryClientOptions { BlobLocationCachePath = Path.Combine(_work, "cache.json") });
        var first = $"planton-it/mount-a-{Guid.NewGuid():N}";
        var second = $"planton-it/mount-b-{Guid.NewGuid():N}";
        var pushed = await client.PushAsync(target.Endpoint, target.Credentials, first, layout, "v1");
        recorder.Exchanges.Clear();

        var mounted = await client.PushAsync(target.Endpoint, target.Credentials, second, layout, "v1");

        Assert.That(pushed.BlobsUploaded, Is.EqualTo(3));
        Assert.That((mounted.BlobsMounted, mounted.BlobsUploaded, mounted.BlobsSkipped), Is.EqualTo((3, 0, 0)));
        var exchanges = recorder.Exchanges.Where(e => e.PathAndQuery.StartsWith("/v2/", StringComparison.Ordinal));
        var posts = exchanges.Where(e => e.Method == "POST").ToList();
        Assert.That(posts.Where(e => e.Status == 201).Select(e => e.PathAndQuery).ToList(), Has.Count.EqualTo(3)
            .And.All.Contains("mount=sha256%3A").And.All.Contains("from=" + Uri.EscapeDataString(first)));
        Assert.That(exchanges.Where(e => e.Method is "PUT" or "PATCH" && e.PathAndQuery.Contains("/blobs/uploads/")),
            Is.Empty);
        var inspected = JsonDocument.Parse(await SkopeoInspectAsync(target, second));
        Assert.That(inspected.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(pushed.Digest));
        Assert.That(inspected.RootElement.GetProperty("Layers").GetArrayLength(), Is.EqualTo(2));
    }

    private static async Task<string> SkopeoInspectAsync(RegistryTarget target, string repository)
    {
        var arguments = new List<string> { "inspect" };
        arguments.AddRange(target.SkopeoCredentialArguments());
        arguments.AddRange(target.SkopeoTransportArguments());
        arguments.Add(target.DockerReference(repository, "v1"));
        var result = await ExternalTools.RunCheckedAsync("skopeo", [.. arguments]);
        return result.StandardOutput;
    }
}

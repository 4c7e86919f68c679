using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

[Category("Integration")]
public sealed class OciRegistryClientIntegrationTests
{
    private static readonly string[] s_allRegistries = ["basic", "anon", "token", "tls"];
    private static readonly string[] s_authenticatedRegistries = ["basic", "token", "tls"];

    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "planton-dist-it-" + Guid.NewGuid().ToString("N"));
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

    [TestCaseSource(nameof(s_allRegistries))]
    public async Task PushAsync_ScriptLayout_SkopeoSeesTheReturnedDigest(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var layoutDirectory = Path.Combine(_work, "layout");
        var scriptDigest = await ExternalTools.MakeOciLayoutAsync(layoutDirectory, "v1");
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var repository = UniqueRepository("push");

        var result = await target.CreateClient()
            .PushAsync(target.Endpoint, target.Credentials, repository, layout, "v1");

        Assert.That(result.Digest, Is.EqualTo(scriptDigest));
        Assert.That(result.MediaType, Is.EqualTo("application/vnd.oci.image.manifest.v1+json"));
        Assert.That(result.BlobsUploaded, Is.EqualTo(2));
        Assert.That(result.BlobsSkipped, Is.Zero);
        var raw = await Skopeo(target, "inspect", "--raw", target.DockerReference(repository, "v1"));
        Assert.That(TestLayouts.Sha256(Encoding.UTF8.GetBytes(raw)), Is.EqualTo(result.Digest));
        Assert.That(raw.Length, Is.EqualTo(result.Size));
        var inspected = JsonDocument.Parse(await Skopeo(target, "inspect", target.DockerReference(repository, "v1")));
        Assert.That(inspected.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(result.Digest));
        Assert.That(inspected.RootElement.GetProperty("Os").GetString(), Is.EqualTo("linux"));
    }

    [TestCaseSource(nameof(s_allRegistries))]
    public async Task PullAsync_AfterPush_BlobsEqualTheOriginal(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var original = Path.Combine(_work, "original");
        await ExternalTools.MakeOciLayoutAsync(original, "v1");
        var repository = UniqueRepository("pull");
        var client = target.CreateClient();
        var pushed = await client.PushAsync(
            target.Endpoint, target.Credentials, repository, await OciImageLayout.OpenAsync(original), "v1");
        var pulledDirectory = Path.Combine(_work, "pulled");

        var pulled = await client.PullAsync(target.Endpoint, target.Credentials, repository, "v1", pulledDirectory);

        Assert.That(pulled.Digest, Is.EqualTo(pushed.Digest));
        Assert.That(pulled.BlobsDownloaded, Is.EqualTo(2));
        Assert.That(TestLayouts.ReadBlobs(pulledDirectory), Is.EquivalentTo(TestLayouts.ReadBlobs(original)));
        var layout = await OciImageLayout.OpenAsync(pulledDirectory);
        Assert.That(layout.FindManifest("v1")?.Digest, Is.EqualTo(pushed.Digest));
        var skopeoView = JsonDocument.Parse(await Skopeo(target, "inspect", $"oci:{pulledDirectory}:v1"));
        Assert.That(skopeoView.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(pushed.Digest));
    }

    [Test]
    public async Task PushAsync_ThenSkopeoCopiesToLayout_BlobsAreIdentical()
    {
        using var target = RegistryTarget.Create("basic");
        var original = Path.Combine(_work, "original");
        await ExternalTools.MakeOciLayoutAsync(original, "v1");
        var repository = UniqueRepository("copy");
        await target.CreateClient().PushAsync(
            target.Endpoint, target.Credentials, repository, await OciImageLayout.OpenAsync(original), "v1");
        var copied = Path.Combine(_work, "copied");

        var arguments = new List<string> { "copy" };
        arguments.AddRange(target.SkopeoCredentialArguments("src-"));
        arguments.AddRange(target.SkopeoTransportArguments("src-"));
        arguments.Add(target.DockerReference(repository, "v1"));
        arguments.Add($"oci:{copied}:v1");
        await ExternalTools.RunCheckedAsync("skopeo", [.. arguments]);

        Assert.That(TestLayouts.ReadBlobs(copied), Is.EquivalentTo(TestLayouts.ReadBlobs(original)));
    }

    [TestCaseSource(nameof(s_allRegistries))]
    public async Task PushAsync_Twice_SecondSkipsEveryBlob(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var layoutDirectory = Path.Combine(_work, "layout");
        TestLayouts.WriteMultiLayer(layoutDirectory, "v1", 1000, 20_000, 300_000);
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var repository = UniqueRepository("repush");
        var client = target.CreateClient();
        var first = await client.PushAsync(target.Endpoint, target.Credentials, repository, layout, "v1");

        var second = await client.PushAsync(target.Endpoint, target.Credentials, repository, layout, "v2");

        Assert.That(first.BlobsUploaded, Is.EqualTo(4));
        Assert.That(second.BlobsUploaded, Is.Zero);
        Assert.That(second.BlobsSkipped, Is.EqualTo(4));
        Assert.That(second.Digest, Is.EqualTo(first.Digest));
        Assert.That(
            await client.ResolveDigestAsync(target.Endpoint, target.Credentials, repository, "v2"),
            Is.EqualTo(first.Digest));
    }

    [TestCaseSource(nameof(s_authenticatedRegistries))]
    public async Task PushAsync_WrongPassword_ThrowsAuthenticationWithoutTheSecret(string registry)
    {
        const string WrongPassword = "wrong-password-4711";
        using var good = RegistryTarget.Create(registry);
        var target = good.WithCredential(new RegistryCredential(good.Credential!.Username, new Secret(WrongPassword)));
        var layoutDirectory = Path.Combine(_work, "layout");
        await ExternalTools.MakeOciLayoutAsync(layoutDirectory, "v1");
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(() => target.CreateClient().PushAsync(
            target.Endpoint, target.Credentials, UniqueRepository("denied"), layout, "v1"));

        Assert.That(exception!.Message, Does.Contain(target.Endpoint.Host));
        Assert.That(exception.Message, Does.Not.Contain(WrongPassword));
    }

    [TestCaseSource(nameof(s_authenticatedRegistries))]
    public async Task PullAsync_NoCredentials_ThrowsAuthentication(string registry)
    {
        using var good = RegistryTarget.Create(registry);
        var target = good.WithCredential(null);

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(() => target.CreateClient().PullAsync(
            target.Endpoint, target.Credentials, UniqueRepository("anonymous"), "v1", Path.Combine(_work, "out")));

        Assert.That(exception!.Message, Does.Contain(target.Endpoint.Host));
    }

    [TestCaseSource(nameof(s_allRegistries))]
    public async Task PullAsync_MissingTag_IsNotFound(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var layoutDirectory = Path.Combine(_work, "layout");
        await ExternalTools.MakeOciLayoutAsync(layoutDirectory, "v1");
        var repository = UniqueRepository("missing");
        var client = target.CreateClient();
        await client.PushAsync(
            target.Endpoint, target.Credentials, repository, await OciImageLayout.OpenAsync(layoutDirectory), "v1");

        var missingTag = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.PullAsync(
            target.Endpoint, target.Credentials, repository, "no-such-tag", Path.Combine(_work, "out")));
        var missingRepository = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.PullAsync(
            target.Endpoint, target.Credentials, UniqueRepository("never"), "v1", Path.Combine(_work, "out2")));

        Assert.That(missingTag!.IsNotFound, Is.True);
        Assert.That(missingRepository!.IsNotFound, Is.True);
        Assert.That(
            await client.ManifestExistsAsync(target.Endpoint, target.Credentials, repository, "no-such-tag"),
            Is.False);
        Assert.That(await client.ManifestExistsAsync(target.Endpoint, target.Credentials, repository, "v1"), Is.True);
    }

    [TestCase("basic")]
    [TestCase("token")]
    public async Task PushAsync_ForcedChunks_RegistryAssemblesTheLayers(string registry)
    {
        using var target = RegistryTarget.Create(registry);
        var original = Path.Combine(_work, "original");
        var digest = TestLayouts.WriteMultiLayer(original, "v1", 70_000, 1, 250_001);
        var repository = UniqueRepository("chunks");
        var client = target.CreateClient();
        var options = new PushOptions { ForceChunkedUpload = true, ChunkSize = 32 * 1024, MaxParallelBlobs = 2 };

        var pushed = await client.PushAsync(
            target.Endpoint, target.Credentials, repository, await OciImageLayout.OpenAsync(original), "v1", options);
        var pulledDirectory = Path.Combine(_work, "pulled");
        var pulled = await client.PullAsync(
            target.Endpoint, target.Credentials, repository, pushed.Digest, pulledDirectory,
            new PullOptions { LayoutReference = "by-digest" });

        Assert.That(pushed.Digest, Is.EqualTo(digest));
        Assert.That(pulled.Digest, Is.EqualTo(digest));
        Assert.That(pulled.BlobsDownloaded, Is.EqualTo(4));
        Assert.That(TestLayouts.ReadBlobs(pulledDirectory), Is.EquivalentTo(TestLayouts.ReadBlobs(original)));
        var pulledLayout = await OciImageLayout.OpenAsync(pulledDirectory);
        Assert.That(pulledLayout.FindManifest("by-digest")?.Digest, Is.EqualTo(digest));
    }

    [Test]
    public async Task PushAsync_LayoutFromFiles_SkopeoReadsConfig()
    {
        using var target = RegistryTarget.Create("anon");
        var source = Path.Combine(_work, "site");
        Directory.CreateDirectory(Path.Combine(source, "assets"));
        await File.WriteAllTextAsync(Path.Combine(source, "index.html"), "<h1>planton</h1>");
        await File.WriteAllTextAsync(Path.Combine(source, "assets", "app.js"), "console.log('hi');");
        var layout = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "layout"), "site-1");
        var repository = UniqueRepository("files");

        var result = await target.CreateClient()
            .PushAsync(target.Endpoint, target.Credentials, repository, layout, "site-1");

        var skopeoLocal = JsonDocument.Parse(await Skopeo(target, "inspect", $"oci:{layout.LayoutDirectory}:site-1"));
        Assert.That(skopeoLocal.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(result.Digest));
        var config = JsonDocument.Parse(
            await Skopeo(target, "inspect", "--config", "--raw", target.DockerReference(repository, "site-1")));
        Assert.That(config.RootElement.GetProperty("os").GetString(), Is.EqualTo("linux"));
        Assert.That(config.RootElement.GetProperty("architecture").GetString(), Is.EqualTo("amd64"));
    }

    [Test]
    public async Task PushAsync_LayoutWithTwoImagesAndNoReference_PushesAnImageIndex()
    {
        using var target = RegistryTarget.Create("basic");
        var layoutDirectory = Path.Combine(_work, "layout");
        await ExternalTools.MakeOciLayoutAsync(layoutDirectory, "one");
        var second = Path.Combine(_work, "second");
        await ExternalTools.MakeOciLayoutAsync(second, "two");
        await MergeLayoutsAsync(layoutDirectory, second);
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var repository = UniqueRepository("index");
        var client = target.CreateClient();

        var whole = await client.PushAsync(target.Endpoint, target.Credentials, repository, layout, "all");
        var one = await client.PushAsync(
            target.Endpoint, target.Credentials, repository, layout, "one",
            new PushOptions { LayoutReference = "one" });

        Assert.That(whole.MediaType, Is.EqualTo("application/vnd.oci.image.index.v1+json"));
        var indexBytes = await File.ReadAllBytesAsync(Path.Combine(layoutDirectory, "index.json"));
        Assert.That(whole.Digest, Is.EqualTo(TestLayouts.Sha256(indexBytes)));
        var raw = await Skopeo(target, "inspect", "--raw", target.DockerReference(repository, "all"));
        Assert.That(TestLayouts.Sha256(Encoding.UTF8.GetBytes(raw)), Is.EqualTo(whole.Digest));
        Assert.That(one.Digest, Is.EqualTo(layout.FindManifest("one")!.Digest));
        var pulled = await client.PullAsync(
            target.Endpoint, target.Credentials, repository, "all", Path.Combine(_work, "pulled"));
        Assert.That(pulled.Digest, Is.EqualTo(whole.Digest));
        Assert.That(pulled.BlobsDownloaded, Is.EqualTo(4));
    }

    [Test]
    [Explicit("Benchmark: pushes and pulls 4 x 64 MiB; run on demand.")]
    public async Task PushAndPull_BenchLayout_ReportsThroughput()
    {
        using var target = RegistryTarget.Create("basic");
        var layoutDirectory = Path.Combine(_work, "bench");
        await ExternalTools.MakeBenchLayoutAsync(layoutDirectory, 4, 64, "bench");
        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var repository = UniqueRepository("bench");
        var client = target.CreateClient();

        var push = Stopwatch.StartNew();
        var pushed = await client.PushAsync(target.Endpoint, target.Credentials, repository, layout, "bench");
        push.Stop();
        var pull = Stopwatch.StartNew();
        var pulled = await client.PullAsync(
            target.Endpoint, target.Credentials, repository, "bench", Path.Combine(_work, "pulled"));
        pull.Stop();

        using var process = Process.GetCurrentProcess();
        TestContext.Out.WriteLine(
            $"push {pushed.BlobsUploaded} blobs in {push.Elapsed.TotalSeconds:F2} s; "
            + $"pull {pulled.BytesDownloaded / 1048576.0:F0} MiB in {pull.Elapsed.TotalSeconds:F2} s; "
            + $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
        Assert.That(pulled.Digest, Is.EqualTo(pushed.Digest));
    }

    private static string UniqueRepository(string purpose) => $"planton-it/dist-{purpose}-{Guid.NewGuid():N}";

    private static async Task<string> Skopeo(RegistryTarget target, params string[] command)
    {
        var arguments = new List<string> { command[0] };
        var isLocal = command[^1].StartsWith("oci:", StringComparison.Ordinal);
        if (!isLocal)
        {
            arguments.AddRange(target.SkopeoCredentialArguments());
            arguments.AddRange(target.SkopeoTransportArguments());
        }

        arguments.AddRange(command.Skip(1));
        var result = await ExternalTools.RunCheckedAsync("skopeo", [.. arguments]);
        return result.StandardOutput;
    }

    /// <summary>Copies the second layout's blobs and index entries into the first.</summary>
    private static async Task MergeLayoutsAsync(string into, string from)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(from, "blobs", "sha256")))
        {
            File.Copy(file, Path.Combine(into, "blobs", "sha256", Path.GetFileName(file)), overwrite: true);
        }

        var first = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(into, "index.json")));
        var second = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(from, "index.json")));
        var entries = first.RootElement.GetProperty("manifests").EnumerateArray()
            .Concat(second.RootElement.GetProperty("manifests").EnumerateArray())
            .Select(e => e.GetRawText());
        await File.WriteAllTextAsync(
            Path.Combine(into, "index.json"),
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + string.Join(',', entries) + "]}");
    }
}

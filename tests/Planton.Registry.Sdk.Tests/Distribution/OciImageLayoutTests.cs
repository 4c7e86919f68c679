using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciImageLayoutTests
{
    private const string Marker = "{\"imageLayoutVersion\":\"1.0.0\"}";
    private const string EmptyIndex = "{\"schemaVersion\":2,\"manifests\":[]}";
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "planton-layout-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [TestCase(null, EmptyIndex, "oci-layout", "the file is missing")]
    [TestCase("not json", EmptyIndex, "oci-layout", "not valid JSON")]
    [TestCase("{}", EmptyIndex, "oci-layout", "no imageLayoutVersion")]
    [TestCase("{\"imageLayoutVersion\":\"2.0.0\"}", EmptyIndex, "oci-layout", "'2.0.0' is not supported")]
    [TestCase(Marker, null, "index.json", "the file is missing")]
    [TestCase(Marker, "{", "index.json", "not valid JSON")]
    [TestCase(Marker, "[]", "index.json", "not a JSON object")]
    [TestCase(Marker, "{\"schemaVersion\":1,\"manifests\":[]}", "index.json", "schemaVersion is not 2")]
    [TestCase(Marker, "{\"schemaVersion\":2,\"config\":{}}", "index.json", "does not fit its media type")]
    [TestCase(
        Marker,
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"sha256:../../etc\",\"size\":1}]}",
        "index.json",
        "not sha256 or sha512")]
    [TestCase(
        Marker,
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"md5:abc\",\"size\":1}]}",
        "index.json",
        "not sha256 or sha512")]
    [TestCase(
        Marker,
        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + Hex64 + "\",\"size\":1}]}",
        "index.json",
        "has no mediaType")]
    [TestCase(
        Marker,
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"sha256:" + Hex64 + "\",\"size\":-1}]}",
        "index.json",
        "has no valid size")]
    public void OpenAsync_BrokenLayout_ThrowsNamingTheFile(string? marker, string? index, string file, string reason)
    {
        if (marker is not null)
        {
            File.WriteAllText(Path.Combine(_work, "oci-layout"), marker);
        }

        if (index is not null)
        {
            File.WriteAllText(Path.Combine(_work, "index.json"), index);
        }

        var exception = Assert.ThrowsAsync<OciLayoutException>(() => OciImageLayout.OpenAsync(_work));

        Assert.That(exception!.Path, Is.EqualTo(file));
        Assert.That(exception.Reason, Does.Contain(reason));
        Assert.That(exception.Message, Does.Contain(_work));
    }

    [Test]
    public void OpenAsync_MissingDirectory_Throws()
    {
        var missing = Path.Combine(_work, "nope");

        var exception = Assert.ThrowsAsync<OciLayoutException>(() => OciImageLayout.OpenAsync(missing));

        Assert.That(exception!.Reason, Does.Contain("does not exist"));
        Assert.That(exception.Path, Is.Null);
    }

    [Test]
    public async Task OpenAsync_ValidLayout_ListsEntriesWithNames()
    {
        var image = TestImage.Create(10);
        image.WriteLayout(_work, "v1");

        var layout = await OciImageLayout.OpenAsync(_work);

        Assert.That(layout.Manifests, Has.Count.EqualTo(1));
        Assert.That(layout.Manifests[0].Digest, Is.EqualTo(image.Digest));
        Assert.That(layout.Manifests[0].ReferenceName, Is.EqualTo("v1"));
        Assert.That(layout.FindManifest("v1"), Is.EqualTo(layout.Manifests[0]));
        Assert.That(layout.FindManifest("v2"), Is.Null);
    }

    [TestCase("sha256:../../../etc/passwd")]
    [TestCase("sha256:ABCDEF")]
    [TestCase("../sha256")]
    [TestCase("sha1:0000000000000000000000000000000000000000")]
    public async Task GetBlobPath_MalformedDigest_Throws(string digest)
    {
        TestImage.Create(1).WriteLayout(_work, "v1");
        var layout = await OciImageLayout.OpenAsync(_work);

        Assert.Throws<ArgumentException>(() => layout.GetBlobPath(digest));
    }

    [Test]
    public async Task CreateFromFilesAsync_SameFilesDifferentTimes_GivesSameDigests()
    {
        var source = WriteSource("site");
        var first = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "one"), "v1");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        var second = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "two"), "v1");

        Assert.That(second.Manifests[0].Digest, Is.EqualTo(first.Manifests[0].Digest));
    }

    [Test]
    public async Task CreateFromFilesAsync_Layer_HoldsNothingThatDependsOnTheProcess()
    {
        var source = WriteSource("site");

        var layout = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "layout"), "v1");

        var entries = await ReadLayerAsync(layout);
        Assert.That(entries.Select(e => e.Format), Is.All.EqualTo(TarEntryFormat.Gnu));
        Assert.That(entries.Select(e => e.EntryType), Has.None.EqualTo(TarEntryType.ExtendedAttributes));
        Assert.That(entries.Select(e => e.Name), Has.None.Contains("PaxHeaders"));
    }

    [Test]
    public async Task CreateFromFilesAsync_Folder_WritesSortedTarWithZeroTimes()
    {
        var source = WriteSource("site");

        var layout = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "layout"), "v1");

        var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(layout.GetBlobPath(layout.Manifests[0].Digest)));
        var layer = manifest.RootElement.GetProperty("layers")[0];
        Assert.That(
            layer.GetProperty("mediaType").GetString(), Is.EqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));
        var entries = await ReadLayerAsync(layout);

        Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[] { "assets/", "assets/app.js", "index.html" }));
        Assert.That(entries.Select(e => e.ModificationTime), Is.All.EqualTo(DateTimeOffset.UnixEpoch));
        Assert.That(entries.Select(e => e.Uid), Is.All.Zero);
        var config = JsonDocument.Parse(await File.ReadAllBytesAsync(
            layout.GetBlobPath(manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!)));
        Assert.That(config.RootElement.GetProperty("os").GetString(), Is.EqualTo("linux"));
        Assert.That(config.RootElement.GetProperty("architecture").GetString(), Is.EqualTo("amd64"));
        Assert.That(config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateFromFilesAsync_ExistingLayout_KeepsOtherTagsAndReplacesSameTag()
    {
        var layoutDirectory = Path.Combine(_work, "layout");
        await OciImageLayout.CreateFromFilesAsync(WriteSource("a"), layoutDirectory, "keep");
        await OciImageLayout.CreateFromFilesAsync(WriteSource("b"), layoutDirectory, "moving");
        var sourceC = WriteSource("c");
        await File.WriteAllTextAsync(Path.Combine(sourceC, "extra.txt"), "different");

        var layout = await OciImageLayout.CreateFromFilesAsync(sourceC, layoutDirectory, "moving");

        Assert.That(layout.Manifests.Select(m => m.ReferenceName), Is.EquivalentTo(new[] { "keep", "moving" }));
        var leftovers = Directory.EnumerateFiles(Path.Combine(layoutDirectory, "blobs", "sha256"))
            .Where(f => Path.GetFileName(f).StartsWith('.'));
        Assert.That(leftovers, Is.Empty);
    }

    [Test]
    public async Task CreateFromFilesAsync_SymbolicLinks_AreStoredAsLinksNotFollowed()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);
        var source = WriteSource("links");
        File.CreateSymbolicLink(Path.Combine(source, "latest.html"), "index.html");
        Directory.CreateSymbolicLink(Path.Combine(source, "static"), "assets");

        var layout = await OciImageLayout.CreateFromFilesAsync(source, Path.Combine(_work, "layout"), "v1");

        var entries = await ReadLayerAsync(layout);
        Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[]
        {
            "assets/", "assets/app.js", "index.html", "latest.html", "static",
        }));
        Assert.That(entries.Where(e => e.EntryType == TarEntryType.SymbolicLink).Select(e => e.LinkName),
            Is.EqualTo(new[] { "index.html", "assets" }));
    }

    [Test]
    public void CreateFromFilesAsync_LayoutInsideSource_Throws()
    {
        var source = WriteSource("site");

        Assert.ThrowsAsync<ArgumentException>(
            () => OciImageLayout.CreateFromFilesAsync(source, Path.Combine(source, "layout"), "v1"));
    }

    private static async Task<List<TarEntry>> ReadLayerAsync(OciImageLayout layout)
    {
        var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(layout.GetBlobPath(layout.Manifests[0].Digest)));
        var digest = manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        var entries = new List<TarEntry>();
        await using var gzip = new GZipStream(File.OpenRead(layout.GetBlobPath(digest)), CompressionMode.Decompress);
        var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    private string WriteSource(string name)
    {
        var source = Path.Combine(_work, "src-" + name);
        Directory.CreateDirectory(Path.Combine(source, "assets"));
        File.WriteAllText(Path.Combine(source, "index.html"), "<h1>planton</h1>");
        File.WriteAllText(Path.Combine(source, "assets", "app.js"), "console.log(1);");
        return source;
    }
}

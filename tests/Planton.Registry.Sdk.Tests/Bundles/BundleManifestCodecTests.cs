using System.Text;
using System.Text.Json;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class BundleManifestCodecTests
{
    private const string Key = "api/v1/manifest.json";
    private const string Sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Test]
    public void Serialize_Manifest_WritesCamelCaseWithTypeNames()
    {
        var bytes = BundleManifestCodec.Serialize(Manifest());

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.That(
            root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[]
            {
                "schemaVersion", "mediaType", "service", "tag", "createdAt", "mainModule", "totalSize", "files",
            }));
        Assert.That(
            root.GetProperty("mediaType").GetString(),
            Is.EqualTo("application/vnd.planton.worker-bundle.manifest.v1+json"));
        Assert.That(root.GetProperty("createdAt").GetString(), Is.EqualTo("2026-06-01T08:30:00+00:00"));
        var file = root.GetProperty("files")[0];
        Assert.That(
            file.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "path", "type", "contentType", "size", "sha256" }));
        Assert.That(
            root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "esm", "commonjs", "wasm", "text", "sourcemap", "data" }));
    }

    [Test]
    public void Parse_WhatSerializeWrote_GivesTheSameContent()
    {
        var manifest = Manifest();

        var parsed = BundleManifestCodec.Parse(BundleManifestCodec.Serialize(manifest), Key, "api", "v1");

        Assert.That(parsed.DescribeContentDifference(manifest), Is.Null);
        Assert.That(parsed.CreatedAt, Is.EqualTo(manifest.CreatedAt));
        Assert.That(parsed.Files!.Select(f => f.Path), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void Digest_Bytes_IsSha256Prefixed()
    {
        Assert.That(BundleManifestCodec.Digest([]), Is.EqualTo("sha256:" + Sha));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return Case("{ not json", "is not a valid manifest");
        yield return Case("null", "is empty");
        yield return Case(Json(schemaVersion: 2), "has schema version 2; this SDK reads version 1");
        yield return Case(Json(service: "other"), "describes 'other' version 'v1', not 'api' 'v1'");
        yield return Case(Json(tag: "v2"), "describes 'api' version 'v2', not 'api' 'v1'");
        yield return Case(Json(files: "[]", main: "index.js", total: 0), "lists no files");
        yield return Case(Json(files: Files(("../evil.js", 0, Sha)), main: "../evil.js", total: 0),
            "names the path '../evil.js', which is refused: the path has a '.' or '..' segment");
        yield return Case(Json(files: Files(("/etc/evil", 0, Sha)), main: "/etc/evil", total: 0),
            "names the path '/etc/evil', which is refused: the path is absolute");
        yield return Case(Json(files: Files(("a\\..\\..\\evil", 0, Sha)), main: "x", total: 0),
            "the path holds a backslash");
        yield return Case(Json(files: Files(("a\u0000b", 0, Sha)), main: "x", total: 0),
            "names the path 'a\\u0000b', which is refused: the path holds a control character");
        yield return Case(Json(files: Files(("index.js", 0, Sha), ("index.js", 0, Sha))),
            "names the path 'index.js' twice");
        yield return Case(Json(files: Files(("index.js", -1, Sha)), total: -1), "gives 'index.js' a negative size");
        yield return Case(Json(files: Files(("index.js", 0, Sha.ToUpperInvariant()))),
            "gives 'index.js' a SHA-256 that is not 64 lowercase hexadecimal characters");
        yield return Case(Json(files: Files(("index.js", 0, "abc"))), "a SHA-256 that is not 64");
        yield return Case(Json(files: Files(("index.js", 0, Sha), ("index.js/x.js", 0, Sha))),
            "uses 'index.js' both as a file and as a folder");
        yield return Case(Json(main: "other.js"), "names the entry module 'other.js', which is not one of its files");
        yield return Case(Json(main: null), "names the entry module '(null)'");
        yield return Case(Json(total: 5), "gives a total size of 5 bytes, but its files add up to 0");
        yield return Case(
            Json(files: "[{\"path\":\"index.js\",\"type\":\"python\",\"contentType\":\"x\",\"size\":0,"
                + "\"sha256\":\"" + Sha + "\"}]"),
            "is not a valid manifest");
        yield return Case(Json(files: "[{\"path\":\"index.js\",\"type\":\"esm\"}]"), "is not a valid manifest");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Parse_UntrustworthyManifest_ThrowsIntegritySayingWhy(string json, string expected)
    {
        var exception = Assert.Throws<BundleIntegrityException>(
            () => BundleManifestCodec.Parse(Encoding.UTF8.GetBytes(json), Key, "api", "v1"));

        Assert.That(exception!.Key, Is.EqualTo(Key));
        Assert.That(exception.Message, Does.StartWith($"The bundle manifest '{Key}' "));
        Assert.That(exception.Message, Does.Contain(expected));
    }

    [Test]
    public void DescribeContentDifference_ChangedAddedAndRemovedFiles_CountsThem()
    {
        var stored = Manifest();
        var files = stored.Files!.ToList();
        files[0] = files[0] with { Sha256 = new string('1', 64) };
        files.RemoveAt(1);
        files.Add(files[^1] with { Path = "new.bin" });
        var proposed = new BundleManifest { MainModule = "index.js", Files = files };

        Assert.That(stored.DescribeContentDifference(proposed), Is.EqualTo("3 files differ"));
    }

    private static TestCaseData Case(string json, string expected) =>
        new TestCaseData(json, expected).SetArgDisplayNames(expected);

    private static string Files(params (string Path, long Size, string Sha)[] files) =>
        "[" + string.Join(",", files.Select(f =>
            $"{{\"path\":{JsonSerializer.Serialize(f.Path)},\"type\":\"esm\","
            + "\"contentType\":\"application/javascript+module\","
            + $"\"size\":{f.Size},\"sha256\":\"{f.Sha}\"}}")) + "]";

    private static string Json(
        int schemaVersion = 1,
        string service = "api",
        string tag = "v1",
        string? files = null,
        string? main = "index.js",
        long total = 0)
    {
        files ??= Files(("index.js", 0, Sha));
        var mainJson = main is null ? "null" : JsonSerializer.Serialize(main);
        return $"{{\"schemaVersion\":{schemaVersion},\"service\":\"{service}\",\"tag\":\"{tag}\","
            + $"\"createdAt\":\"2026-06-01T08:30:00+00:00\",\"mainModule\":{mainJson},"
            + $"\"totalSize\":{total},\"files\":{files}}}";
    }

    private static BundleManifest Manifest()
    {
        BundleFile File(string path, BundleModuleType type, long size) => new()
        {
            Path = path,
            Type = type,
            ContentType = BundleFileTypes.ContentTypeOf(type),
            Size = size,
            Sha256 = Sha,
        };

        BundleFile[] files =
        [
            File("index.js", BundleModuleType.EsModule, 1),
            File("legacy.cjs", BundleModuleType.CommonJs, 2),
            File("module.wasm", BundleModuleType.Wasm, 3),
            File("notes.txt", BundleModuleType.Text, 4),
            File("index.js.map", BundleModuleType.SourceMap, 5),
            File("blob.bin", BundleModuleType.Data, 6),
        ];
        return new BundleManifest
        {
            SchemaVersion = 1,
            MediaType = BundleManifest.ManifestMediaType,
            Service = "api",
            Tag = "v1",
            CreatedAt = new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero),
            MainModule = "index.js",
            TotalSize = 21,
            Files = files,
        };
    }
}

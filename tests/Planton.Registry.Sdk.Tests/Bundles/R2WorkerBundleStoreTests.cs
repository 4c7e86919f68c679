using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class R2WorkerBundleStoreTests
{
    private const string Service = "api";
    private const string Tag = "0123456789abcdef0123456789abcdef01234567";
    private const string Prefix = Service + "/" + Tag + "/";
    private const string ManifestKey = Prefix + "manifest.json";
    private const long MiB = 1024 * 1024;

    private MockBucket _bucket = null!;
    private FakeTimeProvider _time = null!;
    private TempFolder _folder = null!;
    private R2WorkerBundleStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _bucket = new MockBucket();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero));
        _folder = new TempFolder();
        _store = new R2WorkerBundleStore(_bucket.Mock.Object, _time, NullLogger.Instance);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Test]
    public async Task PutAsync_NewVersion_UploadsEveryFileThenManifestLast()
    {
        var source = WriteBundle("src", "one");

        var result = await _store.PutAsync(Service, Tag, source);

        var puts = _bucket.CallsStartingWith("PUT");
        Assert.That(puts[^1], Is.EqualTo("PUT " + ManifestKey));
        Assert.That(puts.Take(puts.Count - 1), Is.EquivalentTo(new[]
        {
            "PUT " + Prefix + "files/index.js",
            "PUT " + Prefix + "files/lib/util.mjs",
            "PUT " + Prefix + "files/module.wasm",
        }));
        Assert.That(result.AlreadyStored, Is.False);
        Assert.That(result.Replaced, Is.False);
        Assert.That(result.KeyPrefix, Is.EqualTo(Prefix));
        Assert.That(result.Bucket, Is.EqualTo("workers"));
        Assert.That(result.MainModule, Is.EqualTo("index.js"));
        Assert.That(
            result.ManifestDigest,
            Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(_bucket.Objects[ManifestKey]))));
        Assert.That(_bucket.ContentTypes[Prefix + "files/module.wasm"], Is.EqualTo("application/wasm"));
        Assert.That(_bucket.ContentTypes[ManifestKey], Is.EqualTo("application/json"));
        var manifest = BundleManifestCodec.Parse(_bucket.Objects[ManifestKey], ManifestKey, Service, Tag);
        Assert.That(manifest.CreatedAt, Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public async Task PutAsync_IdenticalContentStored_UploadsNothingAndReportsStoredDigest()
    {
        var source = WriteBundle("src", "one");
        var first = await _store.PutAsync(Service, Tag, source);
        _time.Advance(TimeSpan.FromHours(1));
        _bucket.Calls.Clear();

        var second = await _store.PutAsync(Service, Tag, source);

        Assert.That(second.AlreadyStored, Is.True);
        Assert.That(second.ManifestDigest, Is.EqualTo(first.ManifestDigest));
        Assert.That(_bucket.Calls, Is.EqualTo(new[] { "GET " + ManifestKey }));
    }

    [Test]
    public async Task PutAsync_OtherContentStored_ThrowsConflictAndChangesNothing()
    {
        var first = await _store.PutAsync(Service, Tag, WriteBundle("first", "one"));
        var before = _bucket.Objects.ToDictionary(p => p.Key, p => p.Value);
        _bucket.Calls.Clear();

        var exception = Assert.ThrowsAsync<BundleConflictException>(
            async () => await _store.PutAsync(Service, Tag, WriteBundle("second", "two")));

        Assert.That(exception!.StoredManifestDigest, Is.EqualTo(first.ManifestDigest));
        Assert.That(exception.ServiceName, Is.EqualTo(Service));
        Assert.That(exception.Tag, Is.EqualTo(Tag));
        Assert.That(exception.Message, Does.Contain("3 files differ"));
        Assert.That(_bucket.Calls, Is.EqualTo(new[] { "GET " + ManifestKey }));
        Assert.That(_bucket.Objects, Is.EquivalentTo(before));
    }

    [Test]
    public async Task PutAsync_OnlyEntryModuleDiffers_ThrowsConflict()
    {
        var source = WriteBundle("src", "one");
        _folder.Write("src/worker.js", "export default {};");
        await _store.PutAsync(Service, Tag, source);

        var exception = Assert.ThrowsAsync<BundleConflictException>(
            async () => await _store.PutAsync(Service, Tag, source, new BundlePutOptions { MainModule = "worker.js" }));

        Assert.That(exception!.Message, Does.Contain("entry module 'index.js' vs 'worker.js'"));
    }

    [Test]
    public async Task PutAsync_OtherContentStoredWithForce_RemovesManifestFirstThenReplaces()
    {
        await _store.PutAsync(Service, Tag, WriteBundle("first", "one"));
        var second = WriteBundle("second", "two");
        File.Delete(Path.Join(second, "lib/util.mjs"));
        _bucket.Calls.Clear();

        var result = await _store.PutAsync(Service, Tag, second, new BundlePutOptions { Force = true });

        var calls = _bucket.Calls.ToList();
        Assert.That(calls[0], Is.EqualTo("GET " + ManifestKey));
        Assert.That(calls[1], Is.EqualTo("DELETE " + ManifestKey));
        Assert.That(calls[^1], Is.EqualTo("PUT " + ManifestKey));
        Assert.That(calls, Does.Contain("DELETE " + Prefix + "files/lib/util.mjs"));
        Assert.That(result.Replaced, Is.True);
        Assert.That(
            _bucket.Objects.Keys.Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { Prefix + "files/index.js", Prefix + "files/module.wasm", ManifestKey }));
    }

    [Test]
    public async Task PutAsync_UnreadableStoredManifest_IsAConflict()
    {
        _bucket.Objects[ManifestKey] = Encoding.UTF8.GetBytes("{ not json");

        var exception = Assert.ThrowsAsync<BundleConflictException>(
            async () => await _store.PutAsync(Service, Tag, WriteBundle("src", "one")));

        Assert.That(exception!.Message, Does.Contain("the stored manifest cannot be read"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task PutAsync_LeftoversOfAnInterruptedPut_AreDeletedBeforeTheManifest()
    {
        _bucket.Objects[Prefix + "files/old.js"] = [1, 2, 3];

        await _store.PutAsync(Service, Tag, WriteBundle("src", "one"));

        var calls = _bucket.Calls.ToList();
        Assert.That(
            calls.IndexOf("DELETE " + Prefix + "files/old.js"), Is.LessThan(calls.IndexOf("PUT " + ManifestKey)));
        Assert.That(_bucket.Objects.ContainsKey(Prefix + "files/old.js"), Is.False);
    }

    [Test]
    public async Task PutAsync_FileOverThreshold_GoesUpInPartsOfPartSize()
    {
        var source = WriteBundle("src", "one");
        var big = new byte[(12 * MiB) + 3];
        new Random(1).NextBytes(big);
        _folder.Write("src/big.bin", big);

        var result = await _store.PutAsync(
            Service, Tag, source, new BundlePutOptions { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB });

        Assert.That(result.MultipartFiles, Is.EqualTo(1));
        Assert.That(result.PartsUploaded, Is.EqualTo(3));
        Assert.That(_bucket.CallsStartingWith("PART"), Is.EquivalentTo(new[]
        {
            $"PART {Prefix}files/big.bin 1 0 {5 * MiB}",
            $"PART {Prefix}files/big.bin 2 {5 * MiB} {5 * MiB}",
            $"PART {Prefix}files/big.bin 3 {10 * MiB} {(2 * MiB) + 3}",
        }));
        Assert.That(
            _bucket.CallsStartingWith("COMPLETE"), Is.EqualTo(new[] { $"COMPLETE {Prefix}files/big.bin 1,2,3" }));
        Assert.That(_bucket.Objects[Prefix + "files/big.bin"], Is.EqualTo(big));
        Assert.That(
            _bucket.CallsStartingWith("PUT").Any(c => c.Contains("big.bin", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void PutAsync_PartFails_AbortsTheUploadAndWritesNoManifest()
    {
        var source = WriteBundle("src", "one");
        _folder.Write("src/big.bin", new byte[6 * MiB]);
        _bucket.Mock.Setup(c => c.UploadPartAsync(
                It.IsAny<string>(), It.IsAny<string>(), 2, It.IsAny<string>(), It.IsAny<long>(), It.IsAny<long>(),
                It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryRequestFailedException(
                "PUT", new Uri("https://acct.r2.example/workers/x"), HttpStatusCode.InternalServerError, []));

        Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await _store.PutAsync(
            Service, Tag, source, new BundlePutOptions { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB }));

        Assert.That(_bucket.CallsStartingWith("ABORT"), Is.EqualTo(new[] { $"ABORT {Prefix}files/big.bin" }));
        Assert.That(_bucket.Objects.ContainsKey(ManifestKey), Is.False);
    }

    [Test]
    public void PutAsync_AbortAlsoFails_ThrowsTheOriginalFailure()
    {
        var source = WriteBundle("src", "one");
        _folder.Write("src/big.bin", new byte[6 * MiB]);
        _bucket.Mock.Setup(c => c.CompleteMultipartUploadAsync(
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyList<R2UploadedPart>>(),
                It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryAuthenticationException("refused"));
        _bucket.Mock.Setup(c => c.AbortMultipartUploadAsync(
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryRequestFailedException("DELETE", new Uri("https://acct.r2.example/"), null, []));

        Assert.ThrowsAsync<RegistryAuthenticationException>(async () => await _store.PutAsync(
            Service, Tag, source, new BundlePutOptions { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB }));
    }

    [TestCase(0L, BundlePutOptions.MinimumPartSize, 4, "MultipartThreshold")]
    [TestCase(1L, BundlePutOptions.MinimumPartSize - 1, 4, "PartSize")]
    [TestCase(1L, BundlePutOptions.MaximumPartSize + 1, 4, "PartSize")]
    [TestCase(1L, BundlePutOptions.MinimumPartSize, 0, "MaxConcurrency")]
    [TestCase(1L, BundlePutOptions.MinimumPartSize, 33, "MaxConcurrency")]
    public void PutAsync_InvalidOptions_ThrowsNamingTheField(
        long threshold, long partSize, int concurrency, string field)
    {
        var options = new BundlePutOptions
        {
            MultipartThreshold = threshold,
            PartSize = partSize,
            MaxConcurrency = concurrency,
        };

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await _store.PutAsync(Service, Tag, _folder.Path, options));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo(field));
        Assert.That(_bucket.Calls, Is.Empty);
    }

    [TestCase("API", Tag, "Name")]
    [TestCase(Service, "-bad", "Tag")]
    public void PutAsync_InvalidNameOrTag_ThrowsBeforeAnyRequest(string service, string tag, string field)
    {
        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await _store.PutAsync(service, tag, _folder.Path));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo(field));
        Assert.That(_bucket.Calls, Is.Empty);
    }

    [Test]
    public async Task GetAsync_StoredVersion_WritesEveryFileVerified()
    {
        var source = WriteBundle("src", "one");
        var put = await _store.PutAsync(Service, Tag, source);
        var target = _folder.Combine("out");

        var result = await _store.GetAsync(Service, Tag, target);

        Assert.That(result.ManifestDigest, Is.EqualTo(put.ManifestDigest));
        Assert.That(result.CreatedAt, Is.EqualTo(_time.GetUtcNow()));
        Assert.That(result.Directory, Is.EqualTo(Path.GetFullPath(target)));
        foreach (var file in put.Files)
        {
            Assert.That(
                File.ReadAllBytes(Path.Join(target, file.Path)),
                Is.EqualTo(File.ReadAllBytes(Path.Join(source, file.Path))));
        }

        Assert.That(Directory.GetFiles(target, "*.partial", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void GetAsync_NothingStored_ThrowsNotFound()
    {
        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            async () => await _store.GetAsync(Service, Tag, _folder.Combine("out")));

        Assert.That(exception!.IsNotFound, Is.True);
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(
            exception.Message, Does.Contain($"Bundle '{Service}' version '{Tag}' is not stored in bucket 'workers'"));
    }

    [TestCase("../evil.js")]
    [TestCase("lib/../../evil.js")]
    [TestCase("/etc/evil.js")]
    [TestCase("C:/evil.js")]
    [TestCase("..\\evil.js")]
    public void GetAsync_ManifestPathEscapingTheFolder_ThrowsIntegrityAndWritesNothing(string path)
    {
        StoreManifestNaming(path, Encoding.UTF8.GetBytes("evil"));
        var target = _folder.Combine("deep/out");

        var exception = Assert.ThrowsAsync<BundleIntegrityException>(
            async () => await _store.GetAsync(Service, Tag, target));

        Assert.That(exception!.Key, Is.EqualTo(ManifestKey));
        Assert.That(exception.Message, Does.Contain("is refused"));
        Assert.That(Directory.Exists(target), Is.False);
        Assert.That(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(_bucket.CallsStartingWith("GET"), Is.EqualTo(new[] { "GET " + ManifestKey }));
    }

    [Test]
    public async Task GetAsync_FileNotMatchingManifest_ThrowsIntegrityAndLeavesNoFile()
    {
        await _store.PutAsync(Service, Tag, WriteBundle("src", "one"));
        _bucket.Objects[Prefix + "files/lib/util.mjs"] = Encoding.UTF8.GetBytes("export const tampered = 1;");
        var target = _folder.Combine("out");
        File.WriteAllText(_folder.Write("out/index.js", "previous"), "previous");

        var exception = Assert.ThrowsAsync<BundleIntegrityException>(
            async () => await _store.GetAsync(Service, Tag, target));

        Assert.That(exception!.Key, Is.EqualTo(Prefix + "files/lib/util.mjs"));
        Assert.That(exception.Message, Does.Contain("does not match its manifest"));
        Assert.That(
            Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)),
            Is.EqualTo(new[] { "index.js" }));
        Assert.That(File.ReadAllText(Path.Join(target, "index.js")), Is.EqualTo("previous"));
        Assert.That(Directory.Exists(Path.Join(target, "lib")), Is.False);
    }

    [Test]
    public async Task GetAsync_FileMissingFromBucket_ThrowsIntegrity()
    {
        await _store.PutAsync(Service, Tag, WriteBundle("src", "one"));
        _bucket.Objects.TryRemove(Prefix + "files/module.wasm", out _);

        var exception = Assert.ThrowsAsync<BundleIntegrityException>(
            async () => await _store.GetAsync(Service, Tag, _folder.Combine("out")));

        Assert.That(exception!.Message, Does.Contain("is missing from bucket 'workers'"));
    }

    [Test]
    public async Task GetAsync_FolderInTargetIsASymbolicLink_IsRefused()
    {
        await _store.PutAsync(Service, Tag, WriteBundle("src", "one"));
        var elsewhere = Directory.CreateDirectory(_folder.Combine("elsewhere")).FullName;
        Directory.CreateDirectory(_folder.Combine("out"));
        Directory.CreateSymbolicLink(_folder.Combine("out/lib"), elsewhere);

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await _store.GetAsync(Service, Tag, _folder.Combine("out")));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("Dir"));
        Assert.That(Directory.GetFiles(elsewhere), Is.Empty);
    }

    [Test]
    public async Task ListAsync_VersionsAndLeftovers_ListsCompleteVersionsNewestFirst()
    {
        var source = WriteBundle("src", "one");
        await _store.PutAsync(Service, "v1", source);
        _bucket.LastModified = _bucket.LastModified.AddDays(1);
        await _store.PutAsync(Service, "v2", source);
        _bucket.Objects[Service + "/half/files/index.js"] = [1];
        _bucket.Objects["api-other/v9/manifest.json"] = [1];
        var v1Manifest = BundleManifestCodec.Parse(_bucket.Objects[Service + "/v1/manifest.json"], "k", Service, "v1");

        var versions = await _store.ListAsync(Service);

        Assert.That(versions.Select(v => v.Tag), Is.EqualTo(new[] { "v2", "v1" }));
        Assert.That(versions[1].Size, Is.EqualTo(v1Manifest.TotalSize));
        Assert.That(versions[1].FileCount, Is.EqualTo(3));
        Assert.That(_bucket.CallsStartingWith("LIST")[^1], Is.EqualTo("LIST api/"));
    }

    [Test]
    public async Task DeleteAsync_StoredVersion_DeletesManifestBeforeAnyFile()
    {
        await _store.PutAsync(Service, Tag, WriteBundle("src", "one"));
        _bucket.Objects["api/" + Tag + "0/manifest.json"] = [1];
        _bucket.Calls.Clear();

        var result = await _store.DeleteAsync(Service, Tag);

        var deletes = _bucket.CallsStartingWith("DELETE");
        Assert.That(deletes[0], Is.EqualTo("DELETE " + ManifestKey));
        Assert.That(deletes, Has.Count.EqualTo(4));
        Assert.That(result.ObjectsDeleted, Is.EqualTo(4));
        Assert.That(result.WasComplete, Is.True);
        Assert.That(_bucket.Objects.Keys, Is.EqualTo(new[] { "api/" + Tag + "0/manifest.json" }));
    }

    [Test]
    public async Task DeleteAsync_OnlyLeftovers_DeletesThemAndSaysIncomplete()
    {
        _bucket.Objects[Prefix + "files/index.js"] = [1];

        var result = await _store.DeleteAsync(Service, Tag);

        Assert.That(result.WasComplete, Is.False);
        Assert.That(result.ObjectsDeleted, Is.EqualTo(1));
        Assert.That(_bucket.Objects, Is.Empty);
    }

    [Test]
    public void DeleteAsync_NothingStored_ThrowsNotFound()
    {
        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            async () => await _store.DeleteAsync(Service, Tag));

        Assert.That(exception!.IsNotFound, Is.True);
        Assert.That(exception.Method, Is.EqualTo("DELETE"));
    }

    private string WriteBundle(string name, string flavour)
    {
        _folder.Write(
            $"{name}/index.js", $"import {{ x }} from './lib/util.mjs'; export default {{ x: '{flavour}' }};");
        _folder.Write($"{name}/lib/util.mjs", $"export const x = '{flavour}';");
        _folder.Write($"{name}/module.wasm", [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, (byte)flavour[0]]);
        return _folder.Combine(name);
    }

    private void StoreManifestNaming(string path, byte[] content)
    {
        var manifest = new BundleManifest
        {
            SchemaVersion = 1,
            Service = Service,
            Tag = Tag,
            CreatedAt = _time.GetUtcNow(),
            MainModule = path,
            TotalSize = content.Length,
            Files =
            [
                new BundleFile
                {
                    Path = path,
                    Type = BundleModuleType.EsModule,
                    ContentType = "application/javascript+module",
                    Size = content.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                },
            ],
        };
        _bucket.Objects[ManifestKey] = BundleManifestCodec.Serialize(manifest);
        _bucket.Objects[Prefix + "files/" + path] = content;
    }
}

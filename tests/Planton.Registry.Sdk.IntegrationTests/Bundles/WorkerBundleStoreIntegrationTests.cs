using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.IntegrationTests.Bundles;

[Category("Integration")]
[TestFixture(false)]
[TestFixture(true)]
public sealed class WorkerBundleStoreIntegrationTests(bool tls)
{
    private const long MiB = 1024 * 1024;

    private S3TestServer? _server;
    private string _work = null!;
    private string _service = null!;
    private CapturingLoggerProvider _logs = null!;
    private ILoggerFactory _loggerFactory = null!;

    private S3TestServer Server => _server!;

    [SetUp]
    public void SetUp()
    {
        _server = null;
        var server = S3TestServer.FromEnvironment(tls);
        _work = Directory.CreateTempSubdirectory("planton-bundles-it-").FullName;
        _service = $"it-{(tls ? "tls" : "http")}-{RandomNumberGenerator.GetHexString(10, lowercase: true)}";
        _logs = new CapturingLoggerProvider();
        _loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        _server = server;
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_server is null)
        {
            return;
        }

        using (var store = CreateStore())
        {
            foreach (var version in await store.ListAsync(_service))
            {
                await store.DeleteAsync(_service, version.Tag);
            }
        }

        _loggerFactory.Dispose();
        _logs.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task PutThenGet_Bundle_RoundTripsByteForByte()
    {
        var source = MakeBundle("src", seed: 1);
        var tag = NewSha();
        using var store = CreateStore();

        var put = await store.PutAsync(_service, tag, source);
        var target = Path.Join(_work, "out");
        var get = await store.GetAsync(_service, tag, target);

        Assert.That(put.AlreadyStored, Is.False);
        Assert.That(put.MainModule, Is.EqualTo("index.js"));
        Assert.That(put.Files.Select(f => f.Path), Is.EqualTo(new[]
        {
            "data/notes.txt", "index.js", "index.js.map", "lib/util.mjs", "module.wasm",
        }));
        Assert.That(get.ManifestDigest, Is.EqualTo(put.ManifestDigest));
        AssertSameTree(source, target);
        Assert.That(_logs.Entries.Select(e => e.Id.Name), Does.Contain("BundleStored").And.Contain("BundleFetched"));
        Assert.That(_logs.AllText(), Does.Not.Contain(Server.SecretAccessKey));
    }

    [Test]
    public async Task Put_Bundle_WritesDocumentedLayoutAndManifest()
    {
        var source = MakeBundle("src", seed: 2);
        var tag = NewSha();
        using var store = CreateStore();

        var put = await store.PutAsync(_service, tag, source);

        using var raw = Server.RawClient();
        var listed = await raw.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = Server.Bucket,
            Prefix = $"{_service}/{tag}/",
        });
        Assert.That(listed.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            $"{_service}/{tag}/files/data/notes.txt",
            $"{_service}/{tag}/files/index.js",
            $"{_service}/{tag}/files/index.js.map",
            $"{_service}/{tag}/files/lib/util.mjs",
            $"{_service}/{tag}/files/module.wasm",
            $"{_service}/{tag}/manifest.json",
        }));
        using var manifestResponse = await raw.GetObjectAsync(Server.Bucket, $"{_service}/{tag}/manifest.json");
        using var manifestBuffer = new MemoryStream();
        await manifestResponse.ResponseStream.CopyToAsync(manifestBuffer);
        var manifestBytes = manifestBuffer.ToArray();
        Assert.That(
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), Is.EqualTo(put.ManifestDigest));
        using var manifest = JsonDocument.Parse(manifestBytes);
        var root = manifest.RootElement;
        Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("service").GetString(), Is.EqualTo(_service));
        Assert.That(root.GetProperty("tag").GetString(), Is.EqualTo(tag));
        Assert.That(root.GetProperty("mainModule").GetString(), Is.EqualTo("index.js"));
        var wasm = root.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("path").GetString() == "module.wasm");
        Assert.That(wasm.GetProperty("type").GetString(), Is.EqualTo("wasm"));
        Assert.That(wasm.GetProperty("contentType").GetString(), Is.EqualTo("application/wasm"));
        Assert.That(
            wasm.GetProperty("sha256").GetString(),
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Join(source, "module.wasm"))))));
    }

    [Test]
    public async Task List_TwoVersions_ShowsBoth()
    {
        var first = NewSha();
        var second = NewSha();
        using (var store = CreateStore())
        {
            await store.PutAsync(_service, first, MakeBundle("a", seed: 3));
            await store.PutAsync(_service, second, MakeBundle("b", seed: 4));
        }

        using var reader = CreateStore();
        var versions = await reader.ListAsync(_service);

        Assert.That(versions.Select(v => v.Tag), Is.EquivalentTo(new[] { first, second }));
        var expectedSize = Directory.GetFiles(Path.Join(_work, "a"), "*", SearchOption.AllDirectories)
            .Sum(f => new FileInfo(f).Length);
        Assert.That(versions.Single(v => v.Tag == first).Size, Is.EqualTo(expectedSize));
        Assert.That(versions.Single(v => v.Tag == first).FileCount, Is.EqualTo(5));
    }

    [Test]
    public async Task Delete_StoredVersion_RemovesEveryObject()
    {
        var tag = NewSha();
        using var store = CreateStore();
        await store.PutAsync(_service, tag, MakeBundle("src", seed: 5));

        var deleted = await store.DeleteAsync(_service, tag);

        Assert.That(deleted.ObjectsDeleted, Is.EqualTo(6));
        Assert.That(deleted.WasComplete, Is.True);
        Assert.That(await store.ListAsync(_service), Is.Empty);
        using var raw = Server.RawClient();
        var listed = await raw.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = Server.Bucket,
            Prefix = $"{_service}/{tag}/",
        });
        Assert.That(listed.S3Objects ?? [], Is.Empty);
        Assert.That(
            async () => await store.GetAsync(_service, tag, Path.Join(_work, "out")),
            Throws.TypeOf<RegistryRequestFailedException>().With.Property("IsNotFound").True);
        Assert.That(
            async () => await store.DeleteAsync(_service, tag),
            Throws.TypeOf<RegistryRequestFailedException>().With.Property("IsNotFound").True);
    }

    [Test]
    public async Task Put_FileOverMultipartThreshold_GoesUpInPartsAndComesBackVerified()
    {
        var source = MakeBundle("src", seed: 6);
        var big = new byte[12 * MiB];
        new Random(7).NextBytes(big);
        await File.WriteAllBytesAsync(Path.Join(source, "big.wasm"), big);
        var tag = NewSha();
        using var store = CreateStore();
        var options = new BundlePutOptions { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB };

        var putClock = Stopwatch.StartNew();
        var put = await store.PutAsync(_service, tag, source, options);
        putClock.Stop();
        var target = Path.Join(_work, "out");
        var getClock = Stopwatch.StartNew();
        var get = await store.GetAsync(_service, tag, target);
        getClock.Stop();

        Assert.That(put.MultipartFiles, Is.EqualTo(1));
        Assert.That(put.PartsUploaded, Is.EqualTo(3));
        Assert.That(_logs.Entries.Count(e => e.Id.Name == "PartUploaded"), Is.EqualTo(3));
        Assert.That(get.TotalBytes, Is.EqualTo(put.TotalBytes));
        AssertSameTree(source, target);
        await TestContext.Out.WriteLineAsync(
            $"[{(tls ? "https" : "http")}] multipart bundle of {put.TotalBytes} bytes: "
            + $"put {putClock.ElapsedMilliseconds} ms, "
            + $"get {getClock.ElapsedMilliseconds} ms");
    }

    [Test]
    public async Task Put_SameVersionOtherContent_IsRefusedUnlessForced()
    {
        var tag = NewSha();
        var first = MakeBundle("first", seed: 8);
        var second = MakeBundle("second", seed: 9);
        File.Delete(Path.Join(second, "data/notes.txt"));
        using var store = CreateStore();
        var stored = await store.PutAsync(_service, tag, first);

        var again = await store.PutAsync(_service, tag, first);
        Assert.That(again.AlreadyStored, Is.True);
        Assert.That(again.ManifestDigest, Is.EqualTo(stored.ManifestDigest));

        var conflict = Assert.ThrowsAsync<BundleConflictException>(
            async () => await store.PutAsync(_service, tag, second));
        Assert.That(conflict!.StoredManifestDigest, Is.EqualTo(stored.ManifestDigest));
        var target = Path.Join(_work, "still-first");
        await store.GetAsync(_service, tag, target);
        AssertSameTree(first, target);

        var forced = await store.PutAsync(_service, tag, second, new BundlePutOptions { Force = true });
        Assert.That(forced.Replaced, Is.True);
        var replaced = Path.Join(_work, "now-second");
        await store.GetAsync(_service, tag, replaced);
        AssertSameTree(second, replaced);
        var version = (await store.ListAsync(_service)).Single();
        Assert.That(version.FileCount, Is.EqualTo(4), "the file only the first content had is gone");
    }

    [Test]
    public async Task Put_WrongSecret_ThrowsAuthenticationWithoutSecret()
    {
        var wrongSecret = "wrong-" + RandomNumberGenerator.GetHexString(40, lowercase: true);
        using var store = WorkerBundleStore.Create(
            Server.Connection(wrongSecret), TimeProvider.System, Server.HttpClientFactory(), _loggerFactory);

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            async () => await store.PutAsync(_service, NewSha(), MakeBundle("src", seed: 10)));

        Assert.That(exception!.Message, Does.Contain(new Uri(Server.Endpoint).Host));
        Assert.That(exception.Message, Does.Contain(Server.Bucket));
        Assert.That(exception.ToString(), Does.Not.Contain(wrongSecret));
        Assert.That(exception.ToString(), Does.Not.Contain(Server.SecretAccessKey));
        Assert.That(_logs.AllText(), Does.Not.Contain(wrongSecret));
    }

    [Test]
    public async Task List_WrongSecret_ThrowsAuthentication()
    {
        using var store = WorkerBundleStore.Create(
            Server.Connection("not-the-secret"), TimeProvider.System, Server.HttpClientFactory(), _loggerFactory);

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            async () => await store.ListAsync(_service));

        Assert.That(exception!.ToString(), Does.Not.Contain("not-the-secret"));
        await Task.CompletedTask;
    }

    [Test]
    public void List_HttpsWithoutTrustedCertificate_ThrowsRequestFailedWithoutStatus()
    {
        if (!tls)
        {
            Assert.Ignore("Only the https server has a certificate to distrust.");
        }

        using var store = WorkerBundleStore.Create(Server.Connection(), TimeProvider.System, null, _loggerFactory);

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(async () => await store.ListAsync(_service));

        Assert.That(exception!.StatusCode, Is.Null);
        Assert.That(exception.Message, Does.Contain("Could not reach R2 at localhost:"));
    }

    private IWorkerBundleStore CreateStore() =>
        WorkerBundleStore.Create(
            Server.Connection(), TimeProvider.System, Server.HttpClientFactory(), _loggerFactory);

    private string MakeBundle(string name, int seed)
    {
        var root = Path.Join(_work, name);
        Directory.CreateDirectory(Path.Join(root, "lib"));
        Directory.CreateDirectory(Path.Join(root, "data"));
        File.WriteAllText(
            Path.Join(root, "index.js"),
            $"import {{ greet }} from './lib/util.mjs';\n"
            + $"export default {{ fetch() {{ return new Response(greet({seed})); }} }};\n");
        File.WriteAllText(Path.Join(root, "lib/util.mjs"), $"export const greet = (n) => `hello ${{n}} {seed}`;\n");
        File.WriteAllText(
            Path.Join(root, "index.js.map"), $"{{\"version\":3,\"sources\":[\"index.ts\"],\"seed\":{seed}}}");
        File.WriteAllText(Path.Join(root, "data/notes.txt"), $"notes {seed}\n", Encoding.UTF8);
        var wasm = new byte[4096 + seed];
        new Random(seed).NextBytes(wasm);
        wasm[0] = 0x00;
        wasm[1] = 0x61;
        wasm[2] = 0x73;
        wasm[3] = 0x6d;
        File.WriteAllBytes(Path.Join(root, "module.wasm"), wasm);
        return root;
    }

    private static string NewSha() => RandomNumberGenerator.GetHexString(40, lowercase: true);

    private static void AssertSameTree(string expected, string actual)
    {
        static string[] Relative(string root) =>
            [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Order(StringComparer.Ordinal)];

        Assert.That(Relative(actual), Is.EqualTo(Relative(expected)));
        foreach (var file in Relative(expected))
        {
            Assert.That(
                File.ReadAllBytes(Path.Join(actual, file)),
                Is.EqualTo(File.ReadAllBytes(Path.Join(expected, file))),
                file);
        }
    }
}

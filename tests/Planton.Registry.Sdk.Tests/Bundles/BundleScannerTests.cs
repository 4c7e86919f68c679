using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class BundleScannerTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task ScanAsync_WorkerBuildOutput_RecordsEveryFileWithTypeSizeAndHash()
    {
        _folder.Write("index.js", "export default {};");
        _folder.Write("lib/util.mjs", "export const x = 1;");
        _folder.Write("index.js.map", "{}");
        _folder.Write("pkg/module.wasm", [0, 0x61, 0x73, 0x6d]);
        _folder.Write("data/notes.txt", "hello");

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo("index.js"));
        Assert.That(
            bundle.Files.Select(f => (f.File.Path, f.File.Type)),
            Is.EqualTo(new[]
            {
                ("data/notes.txt", BundleModuleType.Text),
                ("index.js", BundleModuleType.EsModule),
                ("index.js.map", BundleModuleType.SourceMap),
                ("lib/util.mjs", BundleModuleType.EsModule),
                ("pkg/module.wasm", BundleModuleType.Wasm),
            }));
        var notes = bundle.Files[0].File;
        Assert.That(notes.Size, Is.EqualTo(5));
        var helloSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("hello")));
        Assert.That(notes.Sha256, Is.EqualTo(helloSha));
        Assert.That(notes.ContentType, Is.EqualTo("text/plain"));
        Assert.That(bundle.Files[0].FullPath, Is.EqualTo(_folder.Combine("data/notes.txt")));
        Assert.That(bundle.TotalBytes, Is.EqualTo(bundle.Files.Sum(f => f.File.Size)));
    }

    [Test]
    public async Task ScanAsync_EmptyFile_HashesAsEmpty()
    {
        _folder.Write("index.js", string.Empty);

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.Files.Single().File.Size, Is.Zero);
        Assert.That(
            bundle.Files.Single().File.Sha256,
            Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [TestCase(new[] { "index.js", "worker.js", "index.mjs" }, "index.js")]
    [TestCase(new[] { "worker.js", "index.mjs" }, "worker.js")]
    [TestCase(new[] { "index.mjs", "worker.mjs" }, "index.mjs")]
    [TestCase(new[] { "worker.mjs", "other.js" }, "worker.mjs")]
    public async Task ScanAsync_ConventionalEntryNames_PicksTheFirstInOrder(string[] files, string expected)
    {
        foreach (var file in files)
        {
            _folder.Write(file, "export default {};");
        }

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo(expected));
    }

    [TestCase("app.mjs")]
    [TestCase("./app.mjs")]
    [TestCase("src\\app.mjs")]
    public async Task ScanAsync_ExplicitMainModule_WinsOverConventions(string requested)
    {
        _folder.Write("index.js", "export default {};");
        _folder.Write("app.mjs", "export default {};");
        _folder.Write("src/app.mjs", "export default {};");

        var bundle = await BundleScanner.ScanAsync(_folder.Path, requested, NullLogger.Instance);

        var expected = requested.Replace('\\', '/').Replace("./", string.Empty, StringComparison.Ordinal);
        Assert.That(bundle.MainModule, Is.EqualTo(expected));
    }

    [Test]
    public async Task ScanAsync_MetadataMainModule_IsUsed()
    {
        _folder.Write("index.js", "export default {};");
        _folder.Write("entry.mjs", "export default {};");
        _folder.Write("metadata.json", "{\"main_module\":\"entry.mjs\",\"compatibility_date\":\"2026-01-01\"}");

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo("entry.mjs"));
    }

    [Test]
    public async Task ScanAsync_MetadataBodyPart_IsAServiceWorkerScript()
    {
        _folder.Write("script.js", "addEventListener('fetch', () => {});");
        _folder.Write("metadata.json", "{\"body_part\":\"script.js\"}");

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo("script.js"));
        var script = bundle.Files.Single(f => f.File.Path == "script.js").File;
        Assert.That(script.Type, Is.EqualTo(BundleModuleType.CommonJs));
    }

    [Test]
    public async Task ScanAsync_PackageJsonMainAndCommonJsType_AreUsed()
    {
        _folder.Write("index.js", "module.exports = {};");
        _folder.Write("dist/main.js", "module.exports = {};");
        _folder.Write("package.json", "{\"main\":\"./dist/main.js\",\"type\":\"commonjs\"}");

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo("dist/main.js"));
        var main = bundle.Files.Single(f => f.File.Path == "dist/main.js").File;
        Assert.That(main.Type, Is.EqualTo(BundleModuleType.CommonJs));
    }

    [TestCase("{\"main\":\"src/index.ts\"}")]
    [TestCase("{ not json")]
    [TestCase("[1, 2]")]
    public async Task ScanAsync_UnusablePackageJson_FallsBackToConventions(string packageJson)
    {
        _folder.Write("index.js", "export default {};");
        _folder.Write("package.json", packageJson);

        var bundle = await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance);

        Assert.That(bundle.MainModule, Is.EqualTo("index.js"));
    }

    [Test]
    public void ScanAsync_NoEntryModule_ThrowsNamingMainModule()
    {
        _folder.Write("app.js", "export default {};");

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("MainModule"));
        Assert.That(exception.Problems.Single().Message, Does.Contain("index.js, worker.js, index.mjs, worker.mjs"));
    }

    [Test]
    public void ScanAsync_ExplicitMainModuleMissing_ThrowsNamingMainModule()
    {
        _folder.Write("index.js", "export default {};");

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Path, "missing.js", NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("MainModule"));
    }

    [Test]
    public void ScanAsync_MainModuleNotJavaScript_ThrowsNamingMainModule()
    {
        _folder.Write("module.wasm", [0]);

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Path, "module.wasm", NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Message, Does.Contain("is not a JavaScript module"));
    }

    [Test]
    public void ScanAsync_MissingFolder_ThrowsNamingDir()
    {
        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Combine("nope"), null, NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("Dir"));
    }

    [Test]
    public void ScanAsync_EmptyFolder_ThrowsNamingDir()
    {
        Directory.CreateDirectory(_folder.Combine("empty/sub"));

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Combine("empty"), null, NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Message, Does.Contain("holds no files"));
    }

    [Test]
    public void ScanAsync_SymbolicLink_IsRefused()
    {
        _folder.Write("index.js", "export default {};");
        var outside = _folder.Write("../" + Path.GetFileName(_folder.Path) + "-outside.txt", "secret");
        try
        {
            File.CreateSymbolicLink(_folder.Combine("linked.txt"), outside);

            var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
                async () => await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance));

            Assert.That(exception!.Problems.Single().Message, Does.Contain("'linked.txt' is a symbolic link"));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Test]
    public void ScanAsync_FileNameWithBackslash_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Windows file names cannot hold a backslash.");
        }

        _folder.Write("index.js", "export default {};");
        _folder.Write("odd\\name.js", "export default {};");

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            async () => await BundleScanner.ScanAsync(_folder.Path, null, NullLogger.Instance));

        Assert.That(exception!.Problems.Single().Message, Does.Contain("the path holds a backslash"));
    }
}

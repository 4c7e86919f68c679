using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class BundleFileTypesTests
{
    [TestCase("index.js", false, BundleModuleType.EsModule, "application/javascript+module")]
    [TestCase("index.js", true, BundleModuleType.CommonJs, "application/javascript")]
    [TestCase("lib/util.mjs", true, BundleModuleType.EsModule, "application/javascript+module")]
    [TestCase("lib/legacy.cjs", false, BundleModuleType.CommonJs, "application/javascript")]
    [TestCase("INDEX.JS", false, BundleModuleType.EsModule, "application/javascript+module")]
    [TestCase("pkg/module.wasm", false, BundleModuleType.Wasm, "application/wasm")]
    [TestCase("notes.txt", false, BundleModuleType.Text, "text/plain")]
    [TestCase("page.html", false, BundleModuleType.Text, "text/plain")]
    [TestCase("page.htm", false, BundleModuleType.Text, "text/plain")]
    [TestCase("schema.sql", false, BundleModuleType.Text, "text/plain")]
    [TestCase("index.js.map", false, BundleModuleType.SourceMap, "application/source-map")]
    [TestCase("data.bin", false, BundleModuleType.Data, "application/octet-stream")]
    [TestCase("package.json", false, BundleModuleType.Data, "application/octet-stream")]
    [TestCase("LICENSE", false, BundleModuleType.Data, "application/octet-stream")]
    public void Classify_ByExtension_GivesUploadTypeAndContentType(
        string path, bool commonJs, BundleModuleType type, string contentType)
    {
        var classified = BundleFileTypes.Classify(path, commonJs);

        Assert.That(classified, Is.EqualTo(type));
        Assert.That(BundleFileTypes.ContentTypeOf(classified), Is.EqualTo(contentType));
    }
}

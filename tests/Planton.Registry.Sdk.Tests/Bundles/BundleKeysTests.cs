using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class BundleKeysTests
{
    [TestCase("a")]
    [TestCase("api")]
    [TestCase("my-worker_2")]
    [TestCase("-leading-hyphen")]
    [TestCase("_")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0")]
    public void ValidateServiceName_WorkerScriptName_Accepts(string name)
    {
        Assert.That(() => BundleKeys.ValidateServiceName(name), Throws.Nothing);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Api")]
    [TestCase("my.worker")]
    [TestCase("my worker")]
    [TestCase("api/v1")]
    [TestCase("api\n")]
    [TestCase("naïve")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01")]
    public void ValidateServiceName_Invalid_ThrowsNamingTheNameField(string? name)
    {
        var exception = Assert.Throws<RegistryConfigurationException>(() => BundleKeys.ValidateServiceName(name));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("Name"));
        Assert.That(exception.Problems.Single().Message, Does.Contain("1 to 63 lowercase letters, digits, '-' or '_'"));
    }

    [TestCase("0123456789abcdef0123456789abcdef01234567")]
    [TestCase("abc1234")]
    [TestCase("v1.2.3")]
    [TestCase("_latest")]
    [TestCase("Release-2026.06_01")]
    public void ValidateTag_OciTag_Accepts(string tag)
    {
        Assert.That(() => BundleKeys.ValidateTag(tag), Throws.Nothing);
    }

    [Test]
    public void ValidateTag_128Characters_Accepts()
    {
        Assert.That(() => BundleKeys.ValidateTag(new string('a', 128)), Throws.Nothing);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(".hidden")]
    [TestCase("-flag")]
    [TestCase("a/b")]
    [TestCase("a:b")]
    [TestCase("..")]
    [TestCase("abc\n")]
    [TestCase("a b")]
    public void ValidateTag_Invalid_ThrowsNamingTheTagField(string? tag)
    {
        var exception = Assert.Throws<RegistryConfigurationException>(() => BundleKeys.ValidateTag(tag));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("Tag"));
    }

    [Test]
    public void ValidateTag_129Characters_Throws()
    {
        Assert.That(
            () => BundleKeys.ValidateTag(new string('a', 129)),
            Throws.TypeOf<RegistryConfigurationException>());
    }

    [Test]
    public void Keys_FollowTheDocumentedLayout()
    {
        var prefix = BundleKeys.VersionPrefix("api", "abc1234");

        Assert.That(prefix, Is.EqualTo("api/abc1234/"));
        Assert.That(BundleKeys.ManifestKey(prefix), Is.EqualTo("api/abc1234/manifest.json"));
        Assert.That(BundleKeys.FileKey(prefix, "lib/util.mjs"), Is.EqualTo("api/abc1234/files/lib/util.mjs"));
        Assert.That(BundleKeys.ServicePrefix("api"), Is.EqualTo("api/"));
    }

    [Test]
    public void ObjectUri_KeyWithSpecialCharacters_EscapesEachSegment()
    {
        var uri = BundleKeys.ObjectUri(new Uri("https://acct.r2.example/workers/"), "api/v1/files/a b#?.js");

        Assert.That(uri.AbsoluteUri, Is.EqualTo("https://acct.r2.example/workers/api/v1/files/a%20b%23%3F.js"));
    }

    [TestCase(1024, true)]
    [TestCase(1025, false)]
    public void FitsKeyLimit_CountsUtf8Bytes(int bytes, bool fits)
    {
        Assert.That(BundleKeys.FitsKeyLimit(new string('k', bytes)), Is.EqualTo(fits));
        Assert.That(BundleKeys.FitsKeyLimit(new string('é', 513)), Is.False);
    }
}

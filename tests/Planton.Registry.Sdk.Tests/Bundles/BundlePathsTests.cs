using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class BundlePathsTests
{
    [TestCase("index.js")]
    [TestCase("lib/util.mjs")]
    [TestCase("a/b/c/d.wasm")]
    [TestCase("..hidden.js")]
    [TestCase("a..b/c.js")]
    [TestCase(".well-known/x.txt")]
    [TestCase("file with spaces.txt")]
    public void Check_SafeRelativePath_ReturnsNull(string path)
    {
        Assert.That(BundlePaths.Check(path), Is.Null);
    }

    [TestCase(null, "the path is empty")]
    [TestCase("", "the path is empty")]
    [TestCase("/etc/passwd", "the path is absolute")]
    [TestCase("..", "the path has a '.' or '..' segment")]
    [TestCase("../x.js", "the path has a '.' or '..' segment")]
    [TestCase("lib/../../x.js", "the path has a '.' or '..' segment")]
    [TestCase("./x.js", "the path has a '.' or '..' segment")]
    [TestCase("lib/.", "the path has a '.' or '..' segment")]
    [TestCase("lib//x.js", "the path has an empty segment")]
    [TestCase("lib/", "the path has an empty segment")]
    [TestCase("..\\x.js", "the path holds a backslash")]
    [TestCase("C:/x.js", "the path holds a colon (a drive or stream name)")]
    [TestCase("x.js:stream", "the path holds a colon (a drive or stream name)")]
    [TestCase("x\0.js", "the path holds a control character")]
    [TestCase("x\n.js", "the path holds a control character")]
    public void Check_UnsafePath_SaysWhy(string? path, string reason)
    {
        Assert.That(BundlePaths.Check(path), Is.EqualTo(reason));
    }

    [Test]
    public void TryResolveUnder_CheckedPath_StaysUnderRoot()
    {
        var root = Path.GetFullPath(Path.Join(Path.GetTempPath(), "bundle-root"));

        var inside = BundlePaths.TryResolveUnder(root, "lib/util.mjs", out var full);

        Assert.That(inside, Is.True);
        Assert.That(full, Is.EqualTo(Path.Join(root, "lib", "util.mjs")));
    }

    [TestCase("../escape.js")]
    [TestCase("lib/../../escape.js")]
    public void TryResolveUnder_PathClimbingOut_IsRefused(string path)
    {
        var root = Path.GetFullPath(Path.Join(Path.GetTempPath(), "bundle-root"));

        Assert.That(BundlePaths.TryResolveUnder(root, path, out _), Is.False);
    }

    [Test]
    public void TryResolveUnder_SiblingWithSamePrefix_IsRefused()
    {
        var root = Path.GetFullPath(Path.Join(Path.GetTempPath(), "bundle-root"));

        Assert.That(BundlePaths.TryResolveUnder(root, "../bundle-root-evil/x.js", out _), Is.False);
    }

    [Test]
    public void FindFileFolderClash_FileUsedAsFolder_ReturnsIt()
    {
        Assert.That(BundlePaths.FindFileFolderClash(["lib", "lib/util.js", "index.js"]), Is.EqualTo("lib"));
        Assert.That(BundlePaths.FindFileFolderClash(["a/b", "a/b/c/d.js"]), Is.EqualTo("a/b"));
        Assert.That(BundlePaths.FindFileFolderClash(["lib.js", "lib/util.js"]), Is.Null);
    }
}

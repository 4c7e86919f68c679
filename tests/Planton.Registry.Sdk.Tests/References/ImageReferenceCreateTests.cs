using Planton.Registry.Sdk.References;
using static Planton.Registry.Sdk.Tests.References.ReferenceSamples;

namespace Planton.Registry.Sdk.Tests.References;

public sealed class ImageReferenceCreateTests
{
    private static IEnumerable<TestCaseData> ValidParts()
    {
        yield return new TestCaseData("ghcr.io", "acme/app", "1.0", null, "ghcr.io/acme/app:1.0");
        yield return new TestCaseData("docker.io", "alpine", null, null, "docker.io/library/alpine");
        yield return new TestCaseData("index.docker.io", "acme/app", "x", null, "docker.io/acme/app:x");
        yield return new TestCaseData("index.docker.io", "redis", null, null, "docker.io/library/redis");
        yield return new TestCaseData("127.0.0.1:5001", "app", "abc", Sha256, "127.0.0.1:5001/app:abc@" + Sha256);
        yield return new TestCaseData("[::1]:5000", "a/b", null, Sha256, "[::1]:5000/a/b@" + Sha256);
        yield return new TestCaseData("localhost", "app", "v2", null, "localhost/app:v2");
        yield return new TestCaseData(
            "us-docker.pkg.dev",
            "proj/repo/app",
            "0123456789abcdef0123456789abcdef01234567",
            null,
            "us-docker.pkg.dev/proj/repo/app:0123456789abcdef0123456789abcdef01234567");
    }

    private static IEnumerable<TestCaseData> InvalidParts()
    {
        yield return new TestCaseData("registry", "app", "x", null, 0, "would read as a Docker Hub path");
        yield return new TestCaseData("", "app", "x", null, 0, "the registry host is empty");
        yield return new TestCaseData("ghcr_io", "app", "x", null, 4, "the registry host contains '_'");
        yield return new TestCaseData("ghcr.io:", "app", "x", null, 7, "port after ':' is empty");
        yield return new TestCaseData("ghcr.io", "Acme/app", "x", null, 8, "must be lowercase");
        yield return new TestCaseData("ghcr.io", "", "x", null, 8, "the repository path is empty");
        yield return new TestCaseData("ghcr.io", "acme//app", null, null, 13, "empty component");
        yield return new TestCaseData("ghcr.io", "acme/app", "", null, 17, "the tag is empty");
        yield return new TestCaseData("ghcr.io", "acme/app", "bad tag", null, 20, "the tag contains U+0020");
        yield return new TestCaseData("ghcr.io", "acme/app", null, "sha256:abc", 24, "exactly 64");
        yield return new TestCaseData("ghcr.io", "acme/app", "v1", "md5", 20, "no ':'");
        yield return new TestCaseData("a.b", Repeat("a/", 125) + "ab", null, null, -1, "256 characters");
    }

    [TestCaseSource(nameof(ValidParts))]
    public void Create_ValidParts_GivesCanonicalReference(
        string registry, string repository, string? tag, string? digest, string canonical)
    {
        var reference = ImageReference.Create(registry, repository, tag, digest);

        Assert.That(reference.Canonical, Is.EqualTo(canonical));
        Assert.That(ImageReference.Parse(canonical), Is.EqualTo(reference));
    }

    [TestCaseSource(nameof(InvalidParts))]
    public void Create_InvalidPart_ThrowsNamingThePart(
        string registry, string repository, string? tag, string? digest, int position, string reason)
    {
        var error = Assert.Throws<ImageReferenceException>(
            () => ImageReference.Create(registry, repository, tag, digest))!;

        Assert.That(error.Position, Is.EqualTo(position));
        Assert.That(error.Reason, Does.Contain(reason));
    }

    [Test]
    public void Create_NullRegistryOrRepository_ThrowsArgumentNullException()
    {
        Assert.That(() => ImageReference.Create(null!, "app", null), Throws.ArgumentNullException);
        Assert.That(() => ImageReference.Create("ghcr.io", null!, null), Throws.ArgumentNullException);
    }

    [Test]
    public void WithTag_ReferenceWithDigest_KeepsDigest()
    {
        var reference = ImageReference.Parse("ghcr.io/acme/app:old@" + Sha256);

        var tagged = reference.WithTag("new");

        Assert.That(tagged.Canonical, Is.EqualTo("ghcr.io/acme/app:new@" + Sha256));
    }

    [Test]
    public void WithDigest_TaggedReference_KeepsTag()
    {
        var reference = ImageReference.Parse("ghcr.io/acme/app:v1");

        var pinned = reference.WithDigest(EmptySha256);

        Assert.That(pinned.Canonical, Is.EqualTo("ghcr.io/acme/app:v1@" + EmptySha256));
        Assert.That(pinned.Tag, Is.EqualTo("v1"));
        Assert.That(pinned.Digest, Is.EqualTo(EmptySha256));
    }

    [Test]
    public void WithTag_InvalidTag_ThrowsImageReferenceException()
    {
        var reference = ImageReference.Parse("ghcr.io/acme/app");

        Assert.That(() => reference.WithTag("-x"), Throws.TypeOf<ImageReferenceException>());
        Assert.That(() => reference.WithDigest("sha256:ABC"), Throws.TypeOf<ImageReferenceException>());
        Assert.That(() => reference.WithTag(null!), Throws.ArgumentNullException);
        Assert.That(() => reference.WithDigest(null!), Throws.ArgumentNullException);
    }

    [TestCase("alpine", "docker.io/library/alpine:latest")]
    [TestCase("alpine:3", "docker.io/library/alpine:3")]
    [TestCase("ghcr.io/a/b@" + EmptySha256, "ghcr.io/a/b@" + EmptySha256)]
    public void WithDefaultTag_Reference_AddsLatestOnlyWhenNeitherTagNorDigest(string input, string expected)
    {
        var reference = ImageReference.Parse(input);

        Assert.That(reference.WithDefaultTag().Canonical, Is.EqualTo(expected));
    }

    [Test]
    public void WithDefaultTag_ReferenceWithoutTag_LeavesCanonicalOfOriginalUntouched()
    {
        var reference = ImageReference.Parse("alpine");

        _ = reference.WithDefaultTag();

        Assert.That(reference.Canonical, Is.EqualTo("docker.io/library/alpine"));
        Assert.That(reference.Tag, Is.Null);
    }

    [Test]
    public void Equals_SameCanonicalFromDifferentSpellings_AreEqual()
    {
        var familiar = ImageReference.Parse("redis:7");
        var legacy = ImageReference.Parse("index.docker.io/library/redis:7");
        var other = ImageReference.Parse("redis:8");

        Assert.Multiple(() =>
        {
            Assert.That(familiar, Is.EqualTo(legacy));
            Assert.That(familiar == legacy, Is.True);
            Assert.That(familiar != other, Is.True);
            Assert.That(familiar.GetHashCode(), Is.EqualTo(legacy.GetHashCode()));
            Assert.That(familiar.Equals((object?)null), Is.False);
            Assert.That(familiar == null, Is.False);
        });
    }
}

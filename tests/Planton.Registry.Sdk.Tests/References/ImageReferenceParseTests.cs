using Planton.Registry.Sdk.References;
using static Planton.Registry.Sdk.Tests.References.ReferenceSamples;

namespace Planton.Registry.Sdk.Tests.References;

/// <summary>
/// Parse tables. The cases follow the distribution project's reference_test.go and normalize_test.go, restated,
/// plus the OCI digest grammar and the limits this SDK adds.
/// </summary>
public sealed class ImageReferenceParseTests
{
    private static IEnumerable<TestCaseData> ValidCases()
    {
        // Docker Hub normalisation.
        yield return Valid("alpine", "docker.io", "library/alpine", null, null);
        yield return Valid("alpine:3.20", "docker.io", "library/alpine", "3.20", null);
        yield return Valid("library/alpine", "docker.io", "library/alpine", null, null);
        yield return Valid("docker.io/alpine", "docker.io", "library/alpine", null, null);
        yield return Valid("docker.io/library/alpine:latest", "docker.io", "library/alpine", "latest", null);
        yield return Valid("index.docker.io/alpine", "docker.io", "library/alpine", null, null);
        yield return Valid("index.docker.io/acme/app", "docker.io", "acme/app", null, null);
        yield return Valid("acme/app", "docker.io", "acme/app", null, null);
        yield return Valid("library/foo/bar", "docker.io", "library/foo/bar", null, null);
        yield return Valid("docker.io/library/foo/bar", "docker.io", "library/foo/bar", null, null);
        yield return Valid("store/foo/bar", "docker.io", "store/foo/bar", null, null);
        yield return Valid("docker/migrator", "docker.io", "docker/migrator", null, null);
        yield return Valid("ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base", null, null);
        yield return Valid("test_com/foo", "docker.io", "test_com/foo", null, null);
        yield return Valid("d/docker", "docker.io", "d/docker", null, null);
        yield return Valid("jess/t", "docker.io", "jess/t", null, null);
        yield return Valid("docker-rules/docker", "docker.io", "docker-rules/docker", null, null);
        yield return Valid("docker---rules/docker", "docker.io", "docker---rules/docker", null, null);
        yield return Valid("dock__er/docker", "docker.io", "dock__er/docker", null, null);
        yield return Valid(
            "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
            "docker.io",
            "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
            null,
            null);

        // A first component without '.', ':' or uppercase, and no '/' at all, stays on Docker Hub.
        yield return Valid("localhost", "docker.io", "library/localhost", null, null);
        yield return Valid("localhost:5000", "docker.io", "library/localhost", "5000", null);
        yield return Valid("test.com:tag", "docker.io", "library/test.com", "tag", null);
        yield return Valid("test.com:5000", "docker.io", "library/test.com", "5000", null);
        yield return Valid("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", null);
        yield return Valid("foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", null);
        yield return Valid("192.168.1.1", "docker.io", "library/192.168.1.1", null, null);
        yield return Valid("192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag", null);

        // Registries: a '.', a ':', "localhost" or an uppercase letter in the first component.
        yield return Valid("ghcr.io/acme/app:1.2.3", "ghcr.io", "acme/app", "1.2.3", null);
        yield return Valid("test.com/repo:tag", "test.com", "repo", "tag", null);
        yield return Valid("test:5000/repo", "test:5000", "repo", null, null);
        yield return Valid("test-com:8080/foo", "test-com:8080", "foo", null, null);
        yield return Valid("localhost/app", "localhost", "app", null, null);
        yield return Valid("localhost:5000/foo:bar", "localhost:5000", "foo", "bar", null);
        yield return Valid("127.0.0.1:5001/app", "127.0.0.1:5001", "app", null, null);
        yield return Valid("127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian", null, null);
        yield return Valid("192.168.1.1/repo", "192.168.1.1", "repo", null, null);
        yield return Valid("192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", null);
        yield return Valid("192.168.0.1:8/debian", "192.168.0.1:8", "debian", null, null);
        yield return Valid("1.2.3.4:0/x", "1.2.3.4:0", "x", null, null);
        yield return Valid("Foo/bar", "Foo", "bar", null, null);
        yield return Valid("FOO/bar", "FOO", "bar", null, null);
        yield return Valid("Docker/docker", "Docker", "docker", null, null);
        yield return Valid("Localhost/foo", "Localhost", "foo", null, null);
        yield return Valid("MyRegistry:5000/app", "MyRegistry:5000", "app", null, null);
        yield return Valid("sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux", null, null);
        yield return Valid(
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", null);
        yield return Valid(
            "b.gcr.io/test.example.com/my-app:test.example.com",
            "b.gcr.io",
            "test.example.com/my-app",
            "test.example.com",
            null);
        yield return Valid("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null);
        yield return Valid("xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo", null, null);
        yield return Valid(
            "us-docker.pkg.dev/proj/repo/img:abc1234", "us-docker.pkg.dev", "proj/repo/img", "abc1234", null);
        yield return Valid(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "team/app",
            "v1",
            null);

        // IPv6 literals, with and without a port.
        yield return Valid("[::1]:5000/foo", "[::1]:5000", "foo", null, null);
        yield return Valid("[::1]/foo", "[::1]", "foo", null, null);
        yield return Valid("[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null);
        yield return Valid("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", null);
        yield return Valid("[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", null, null);
        yield return Valid(
            "[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian", null, null);
        yield return Valid("[2001:DB8::1]:5000/repo@" + Sha256, "[2001:DB8::1]:5000", "repo", null, Sha256);
        yield return Valid("[2001:db8::1]:5000/repo:tag@" + Sha256, "[2001:db8::1]:5000", "repo", "tag", Sha256);

        // Path separators.
        yield return Valid("a.b/c__d", "a.b", "c__d", null, null);
        yield return Valid("a.b/c-----d", "a.b", "c-----d", null, null);
        yield return Valid("a.b/c.d_e-f/g0", "a.b", "c.d_e-f/g0", null, null);

        // Tags.
        yield return Valid("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null);
        yield return Valid("repo:_underscore", "docker.io", "library/repo", "_underscore", null);
        yield return Valid("repo:" + new string('t', 128), "docker.io", "library/repo", new string('t', 128), null);
        yield return Valid("test:5000/repo:tag", "test:5000", "repo", "tag", null);

        // Digests, with and without a tag.
        yield return Valid("test:5000/repo@" + Sha256, "test:5000", "repo", null, Sha256);
        yield return Valid("test:5000/repo:tag@" + Sha256, "test:5000", "repo", "tag", Sha256);
        yield return Valid("busybox:latest@" + EmptySha256, "docker.io", "library/busybox", "latest", EmptySha256);
        yield return Valid("localhost:5000/a/b/c@" + EmptySha256, "localhost:5000", "a/b/c", null, EmptySha256);
        yield return Valid(
            "xn--7o8h.com/myimage:xn--7o8h.com@" + Sha512, "xn--7o8h.com", "myimage", "xn--7o8h.com", Sha512);
        // Like the distribution project, references take only the digest algorithms registries implement.
        yield return Valid(
            "repo@sha384:" + new string('a', 96),
            "docker.io",
            "library/repo",
            null,
            "sha384:" + new string('a', 96));

        // 64 hexadecimal digits are refused only as the whole input (an image ID); 63 or a registry is fine.
        yield return Valid("docker.io/" + Hex64, "docker.io", "library/" + Hex64, null, null);
        yield return Valid(Hex64[..63], "docker.io", "library/" + Hex64[..63], null, null);
        yield return Valid(Hex64 + ":tag", "docker.io", "library/" + Hex64, "tag", null);

        // Exactly 255 characters of registry, '/' and path.
        var path251 = Repeat("a/", 125) + "a";
        yield return Valid("a.b/" + path251, "a.b", path251, null, null);
        yield return Valid(Repeat("a/", 122) + "a:tag", "docker.io", Repeat("a/", 122) + "a", "tag", null);
    }

    private static IEnumerable<TestCaseData> InvalidCases()
    {
        yield return Invalid("", -1, "the reference is empty");
        yield return Invalid(":justtag", 0, "the repository name is empty");
        yield return Invalid("@" + Sha256, 0, "the repository name is empty");
        yield return Invalid(":tag@" + Sha256, 0, "the repository name is empty");
        yield return Invalid(Hex64, -1, "image ID");

        // Uppercase in the repository path.
        yield return Invalid("Uppercase", 0, "must be lowercase");
        yield return Invalid("Uppercase:tag", 0, "must be lowercase");
        yield return Invalid("docker/Docker", 7, "must be lowercase");
        yield return Invalid("docker.io/docker/Docker", 17, "must be lowercase");
        yield return Invalid("test:5000/Uppercase/lowercase:tag", 10, "must be lowercase");

        // Path components.
        yield return Invalid("aa/asdf$$^/aa", 7, "contains '$'");
        yield return Invalid("-docker", 0, "must start with a lowercase letter or digit");
        yield return Invalid("-docker/docker", 0, "must start with a lowercase letter or digit");
        yield return Invalid("docker-/docker", 7, "must end with a lowercase letter or digit");
        yield return Invalid("-docker-/docker", 0, "must start with");
        yield return Invalid("____/____", 0, "must start with");
        yield return Invalid("_docker/_docker", 0, "must start with");
        yield return Invalid("a.b/dock..er", 9, "may not follow another separator");
        yield return Invalid("a.b/dock_.er", 9, "may not follow another separator");
        yield return Invalid("a.b/dock-.er", 9, "may not follow another separator");
        yield return Invalid("a.b/c___d", 7, "three '_'");
        yield return Invalid("a.b/c_-d", 6, "may not follow another separator");
        yield return Invalid("a.b/c.", 5, "must end with a lowercase letter or digit");
        yield return Invalid("docker/", 6, "ends with '/'");
        yield return Invalid("docker///docker", 7, "empty component");
        yield return Invalid("docker.io/docker///docker", 17, "empty component");
        yield return Invalid("/foo", 0, "empty component");
        yield return Invalid("localhost:5000/", 15, "the repository path is empty");
        yield return Invalid("alpine ", 6, "U+0020");
        yield return Invalid(" alpine", 0, "U+0020");
        yield return Invalid("alpine\n", 6, "U+000A");
        yield return Invalid("\u00e5lpine", 0, "U+00E5");

        // Registry hosts.
        yield return Invalid("foo_bar.com:8080/x", 3, "the registry host contains '_'");
        yield return Invalid("-docker.io/docker/docker", 0, "label must start with a letter or digit");
        yield return Invalid("docker-.io/x", 6, "label must end with a letter or digit");

        // With a '.' the first component is a registry host, so these fail as hosts, not as paths.
        yield return Invalid("dock..er/docker", 5, "empty label");
        yield return Invalid("dock_.er/docker", 4, "the registry host contains '_'");
        yield return Invalid("dock-.er/docker", 4, "label must end with a letter or digit");
        yield return Invalid("a..b/c", 2, "empty label");
        yield return Invalid(".a/b", 0, "empty label");
        yield return Invalid("localhost:/foo", 9, "port after ':' is empty");
        yield return Invalid("localhost:50a0/foo", 12, "port contains 'a'");
        yield return Invalid("https://github.com/docker/docker", 5, "port after ':' is empty");
        yield return Invalid("fc00::1:5000/debian", 5, "port contains ':'");
        yield return Invalid("foo:tag/bar", 4, "port contains 't'");

        // IPv6 literals: no zone, no embedded IPv4, brackets needed and only before a '/'.
        yield return Invalid("[fe80::1%eth0]:5000/repo", 8, "contains '%'");
        yield return Invalid("[fe80::1%eth0]", 0, "contains '['");
        yield return Invalid("[fe80::1%@invalidzone]:5000/repo", 0, "contains '['");
        yield return Invalid("[2001:db8:3:4::192.0.2.33]:5000/debian", 18, "contains '.'");
        yield return Invalid("[2001:db8::1]", 0, "contains '['");
        yield return Invalid("[2001:db8::1]:5000", 0, "contains '['");
        yield return Invalid("[2001:db8::1]:tag", 0, "contains '['");
        yield return Invalid("[fc00::1]:5000", 0, "contains '['");
        yield return Invalid("[]:5000/foo", 1, "is empty");
        yield return Invalid("[::1/foo", 3, "no closing ']'");
        yield return Invalid("[::1]x:5/foo", 5, "after ']'");

        // Tags.
        yield return Invalid("repo:", 5, "the tag is empty");
        yield return Invalid("repo:-tag", 5, "must start with a letter, digit or '_'");
        yield return Invalid("repo:.tag", 5, "must start with a letter, digit or '_'");
        yield return Invalid("repo:a:b", 6, "the tag contains ':'");
        yield return Invalid("repo:t+t", 6, "the tag contains '+'");
        yield return Invalid("repo:" + new string('t', 129), 133, "more than 128");

        // Digests.
        yield return Invalid("repo@", 5, "the digest is empty");
        yield return Invalid("repo:tag@", 9, "the digest is empty");
        yield return Invalid("repo@sha256", 5, "no ':'");
        yield return Invalid("repo@:abc", 5, "algorithm before ':' is empty");
        yield return Invalid("repo@sha256:", 12, "encoded part after ':' is empty");
        yield return Invalid("repo@sha256:" + new string('f', 34), 12, "exactly 64 lowercase hexadecimal digits");
        yield return Invalid("repo@sha256:" + new string('F', 64), 12, "'F' is not one");
        yield return Invalid("repo@sha256:" + new string('f', 65), 12, "not 65");
        yield return Invalid("repo@sha512:" + Hex64, 12, "exactly 128 lowercase hexadecimal digits");
        yield return Invalid("repo@SHA256:" + Hex64, 5, "contains 'S'");
        yield return Invalid("repo@sha256+:" + Hex64, 11, "ends with a separator");
        yield return Invalid("repo@sha256++b64u:abc", 12, "after another separator");
        yield return Invalid("repo@+sha256:abc", 5, "at the start");
        yield return Invalid("repo@sha256:" + Hex64 + "@x", 76, "contains '@'");
        yield return Invalid("repo@sha256+b64u:abc/def", 20, "contains '/'");
        yield return Invalid("repo@sha256:abc:def", 15, "contains ':'");
        yield return Invalid("validname@invaliddigest:" + Hex64, 10, "is not supported");
        yield return Invalid("repo@sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", 5, "is not supported");
        yield return Invalid(
            "repo@multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
            5,
            "is not supported");
        yield return Invalid("repo@sha384:" + Hex64, 12, "exactly 96 lowercase hexadecimal digits");

        // 255 characters at most for registry, '/' and path; Docker Hub names count "docker.io/library/".
        yield return Invalid("a.b/" + Repeat("a/", 125) + "ab", -1, "256 characters");
        yield return Invalid(Repeat("a/", 123) + "a", -1, "257 characters");
        yield return Invalid(Repeat("a/", 127) + "a:tag-puts-this-over-max", -1, "265 characters");
        yield return Invalid(
            "this_is_not_a_valid_namespace_because_its_length_is_greater_than_255_" + new string('x', 200) + "/docker",
            -1,
            "at most 255");
    }

    [TestCaseSource(nameof(ValidCases))]
    public void Parse_ValidReference_GivesNormalisedParts(
        string input, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(input);

        var expectedCanonical = registry + "/" + repository + (tag is null ? "" : ":" + tag)
            + (digest is null ? "" : "@" + digest);
        Assert.Multiple(() =>
        {
            Assert.That(reference.Registry, Is.EqualTo(registry));
            Assert.That(reference.Repository, Is.EqualTo(repository));
            Assert.That(reference.Tag, Is.EqualTo(tag));
            Assert.That(reference.Digest, Is.EqualTo(digest));
            Assert.That(reference.Canonical, Is.EqualTo(expectedCanonical));
            Assert.That(reference.ToString(), Is.EqualTo(expectedCanonical));
            Assert.That(reference.RepositoryReference, Is.EqualTo(registry + "/" + repository));
            Assert.That(reference.IsDockerHub, Is.EqualTo(registry == "docker.io"));
        });
    }

    [TestCaseSource(nameof(ValidCases))]
    public void Parse_CanonicalOfValidReference_RoundTrips(
        string input, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(input);

        var again = ImageReference.Parse(reference.Canonical);

        Assert.That(again, Is.EqualTo(reference));
        Assert.That(ImageReference.Create(registry, repository, tag, digest), Is.EqualTo(reference));
    }

    [TestCaseSource(nameof(ValidCases))]
    public void TryParse_ValidReference_ReturnsTrue(
        string input, string registry, string repository, string? tag, string? digest)
    {
        var parsed = ImageReference.TryParse(input, out var reference);

        Assert.That(parsed, Is.True);
        Assert.That(reference, Is.EqualTo(ImageReference.Parse(input)));
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void Parse_InvalidReference_ThrowsWithPositionAndReason(string input, int position, string reason)
    {
        var error = Assert.Throws<ImageReferenceException>(() => ImageReference.Parse(input))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Reference, Is.EqualTo(input));
            Assert.That(error.Position, Is.EqualTo(position));
            Assert.That(error.Reason, Does.Contain(reason));
            Assert.That(error.Message, Does.Contain(error.Reason));
        });
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void TryParse_InvalidReference_ReturnsFalse(string input, int position, string reason)
    {
        var parsed = ImageReference.TryParse(input, out var reference);

        Assert.That(parsed, Is.False);
        Assert.That(reference, Is.Null);
    }

    [Test]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.That(() => ImageReference.Parse(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.That(ImageReference.TryParse(null, out var reference), Is.False);
        Assert.That(reference, Is.Null);
    }

    [Test]
    public void Parse_BadTag_MessageNamesReferenceAndValidForm()
    {
        var error = Assert.Throws<ImageReferenceException>(() => ImageReference.Parse("ghcr.io/acme/app:v1!"))!;

        Assert.That(
            error.Message,
            Is.EqualTo("Invalid image reference 'ghcr.io/acme/app:v1!' at position 19: the tag contains '!'; "
                + "a tag must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}"));
    }

    [Test]
    public void Parse_HugeInvalidInput_MessageStaysShort()
    {
        var input = new string('a', 100_000) + "!";

        var error = Assert.Throws<ImageReferenceException>(() => ImageReference.Parse(input))!;

        Assert.That(error.Position, Is.EqualTo(100_000));
        Assert.That(error.Message, Has.Length.LessThan(1_000));
    }

    private static TestCaseData Valid(string input, string registry, string repository, string? tag, string? digest) =>
        new TestCaseData(input, registry, repository, tag, digest).SetArgDisplayNames(Shorten(input));

    private static TestCaseData Invalid(string input, int position, string reason) =>
        new TestCaseData(input, position, reason).SetArgDisplayNames(Shorten(input));
}

using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Tests.References;

public sealed class ReferenceGrammarTests
{
    [TestCase("latest", true)]
    [TestCase("0123456789abcdef0123456789abcdef01234567", true)]
    [TestCase("_private", true)]
    [TestCase("v1.2.3-rc.1_build", true)]
    [TestCase("UPPER", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("-dash", false)]
    [TestCase(".dot", false)]
    [TestCase("a:b", false)]
    [TestCase("a/b", false)]
    [TestCase("a b", false)]
    [TestCase("caf\u00e9", false)]
    public void IsValidTag_Candidate_FollowsTagGrammar(string? tag, bool expected)
    {
        Assert.That(ReferenceGrammar.IsValidTag(tag), Is.EqualTo(expected));
    }

    [Test]
    public void IsValidTag_LengthLimit_Allows128Refuses129()
    {
        Assert.That(ReferenceGrammar.IsValidTag(new string('a', 128)), Is.True);
        Assert.That(ReferenceGrammar.IsValidTag(new string('a', 129)), Is.False);
    }

    [TestCase("app", true)]
    [TestCase("library/alpine", true)]
    [TestCase("a/b/c/d", true)]
    [TestCase("c__d", true)]
    [TestCase("c---d", true)]
    [TestCase("c.d_e-f", true)]
    [TestCase("0", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("App", false)]
    [TestCase("c___d", false)]
    [TestCase("a..b", false)]
    [TestCase("a._b", false)]
    [TestCase("/a", false)]
    [TestCase("a/", false)]
    [TestCase("a//b", false)]
    [TestCase("-a", false)]
    [TestCase("a-", false)]
    [TestCase("a:b", false)]
    [TestCase("a@b", false)]
    public void IsValidRepository_Candidate_FollowsPathGrammar(string? repository, bool expected)
    {
        Assert.That(ReferenceGrammar.IsValidRepository(repository), Is.EqualTo(expected));
    }

    [TestCase("docker.io", true)]
    [TestCase("127.0.0.1:5001", true)]
    [TestCase("[::1]:5000", true)]
    [TestCase("[::1]", true)]
    [TestCase("localhost", true)]
    [TestCase("registry", true)]
    [TestCase("My-Registry.Example.COM:443", true)]
    [TestCase("xn--n3h.com", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("foo_bar.com", false)]
    [TestCase("a..b", false)]
    [TestCase("a.b.", false)]
    [TestCase("-a.b", false)]
    [TestCase("a-.b", false)]
    [TestCase("a.b:", false)]
    [TestCase("a.b:x", false)]
    [TestCase("a.b:1:2", false)]
    [TestCase("[fe80::1%eth0]", false)]
    [TestCase("[::ffff:192.0.2.1]", false)]
    [TestCase("[::1", false)]
    [TestCase("[]", false)]
    [TestCase("[::1]5000", false)]
    [TestCase("https://ghcr.io", false)]
    public void IsValidRegistryHost_Candidate_FollowsHostGrammar(string? host, bool expected)
    {
        Assert.That(ReferenceGrammar.IsValidRegistryHost(host), Is.EqualTo(expected));
    }
}

using System.Text;
using Planton.Registry.Sdk.References;
using static Planton.Registry.Sdk.Tests.References.ReferenceSamples;

namespace Planton.Registry.Sdk.Tests.References;

public sealed class OciDigestTests
{
    private static IEnumerable<TestCaseData> ValidDigests()
    {
        yield return new TestCaseData(EmptySha256, "sha256", EmptySha256[7..]);
        yield return new TestCaseData(Sha512, "sha512", Sha512[7..]);
        yield return new TestCaseData(
            "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564",
            "sha256+b64u",
            "LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564");
        yield return new TestCaseData(
            "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
            "multihash+base58",
            "QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");
        yield return new TestCaseData("a.b_c-d+e:x", "a.b_c-d+e", "x");
        yield return new TestCaseData("sha384:" + new string('c', 96), "sha384", new string('c', 96));
        yield return new TestCaseData("blake3:ABCdef==", "blake3", "ABCdef==");
        yield return new TestCaseData("x9:0", "x9", "0");
    }

    private static IEnumerable<TestCaseData> InvalidDigests()
    {
        yield return new TestCaseData("", 0, "the digest is empty");
        yield return new TestCaseData("sha256", 0, "no ':'");
        yield return new TestCaseData(":abc", 0, "algorithm before ':' is empty");
        yield return new TestCaseData("sha256:", 7, "encoded part after ':' is empty");
        yield return new TestCaseData("Sha256:abc", 0, "contains 'S'");
        yield return new TestCaseData("sha256-:abc", 6, "ends with a separator");
        yield return new TestCaseData("sha256..x:abc", 7, "after another separator");
        yield return new TestCaseData("sha 256:abc", 3, "contains U+0020");
        yield return new TestCaseData("x:a+b", 3, "contains '+'");
        yield return new TestCaseData("x:a.b", 3, "contains '.'");
        yield return new TestCaseData("sha256:" + new string('f', 63), 7, "not 63");
        yield return new TestCaseData("sha256:" + new string('f', 63) + "g", 70, "'g' is not one");
        yield return new TestCaseData("sha256:" + new string('A', 64), 7, "'A' is not one");
        yield return new TestCaseData("sha512:" + Hex64, 7, "exactly 128");
        yield return new TestCaseData("sha256:" + Hex64 + " ", 71, "U+0020");
    }

    [TestCaseSource(nameof(ValidDigests))]
    public void Parse_ValidDigest_SplitsAlgorithmAndEncoded(string text, string algorithm, string encoded)
    {
        var digest = OciDigest.Parse(text);

        Assert.That(digest.Algorithm, Is.EqualTo(algorithm));
        Assert.That(digest.Encoded, Is.EqualTo(encoded));
        Assert.That(digest.ToString(), Is.EqualTo(text));
        Assert.That(OciDigest.TryParse(text, out var again), Is.True);
        Assert.That(again, Is.EqualTo(digest));
    }

    [TestCaseSource(nameof(InvalidDigests))]
    public void Parse_InvalidDigest_ThrowsWithPositionAndReason(string text, int position, string reason)
    {
        var error = Assert.Throws<ImageReferenceException>(() => OciDigest.Parse(text))!;

        Assert.That(error.Position, Is.EqualTo(position));
        Assert.That(error.Reason, Does.Contain(reason));
        Assert.That(OciDigest.TryParse(text, out var digest), Is.False);
        Assert.That(digest, Is.Null);
    }

    [Test]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.That(() => OciDigest.Parse(null!), Throws.ArgumentNullException);
        Assert.That(OciDigest.TryParse(null, out _), Is.False);
    }

    [TestCase("", EmptySha256)]
    [TestCase("abc", "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void ComputeSha256_Content_GivesKnownDigest(string content, string expected)
    {
        var digest = OciDigest.ComputeSha256(Encoding.ASCII.GetBytes(content));

        Assert.That(digest.ToString(), Is.EqualTo(expected));
        Assert.That(digest.Algorithm, Is.EqualTo(OciDigest.Sha256));
        Assert.That(OciDigest.Parse(expected), Is.EqualTo(digest));
    }

    [Test]
    public void FromSha256Hash_WrongLength_ThrowsArgumentException()
    {
        Assert.That(() => OciDigest.FromSha256Hash(new byte[31]), Throws.ArgumentException);
    }

    [Test]
    public void FromSha256Hash_ThirtyTwoBytes_GivesLowercaseHex()
    {
        var hash = Enumerable.Range(0, 32).Select(i => (byte)(i * 8)).ToArray();

        var digest = OciDigest.FromSha256Hash(hash);

        Assert.That(digest.Encoded, Is.EqualTo(Convert.ToHexString(hash).ToLowerInvariant()));
    }

    [Test]
    public void Equals_SameText_AreEqual()
    {
        var first = OciDigest.Parse(EmptySha256);
        var second = OciDigest.Parse(EmptySha256);

        Assert.That(first == second, Is.True);
        Assert.That(first != OciDigest.Parse(Sha256), Is.True);
        Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
    }
}

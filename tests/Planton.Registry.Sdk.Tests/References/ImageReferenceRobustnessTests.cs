using System.Text;
using Planton.Registry.Sdk.References;
using static Planton.Registry.Sdk.Tests.References.ReferenceSamples;

namespace Planton.Registry.Sdk.Tests.References;

/// <summary>
/// Inputs built to make a backtracking or quadratic parser hang (each is 200,000 characters or more), and a
/// seeded fuzz run. Nothing here measures time: a linear parser finishes these in milliseconds, a quadratic one
/// would need hours.
/// </summary>
public sealed class ImageReferenceRobustnessTests
{
    private const int Size = 200_000;

    private const string Alphabet = "abcxyzAZ0189._-:/@[]%+= \u00e9";

    private static readonly string[] s_seeds =
    [
        "alpine",
        "alpine:3.20",
        "ghcr.io/acme/app:1.2.3",
        "localhost:5000/foo/bar@" + EmptySha256,
        "[::1]:5000/a__b/c-d:tag@" + EmptySha256,
        "127.0.0.1:5001/x.y_z:t@sha512:" + new string('0', 128),
        "index.docker.io/library/redis:latest",
        "Foo/bar",
    ];

    private static IEnumerable<TestCaseData> PathologicalInputs()
    {
        yield return Case("letters then bang", new string('a', Size) + "!");
        yield return Case("dash runs", Repeat("a-", Size / 2));
        yield return Case("double underscores", Repeat("a__", Size / 3));
        yield return Case("triple underscore at end", Repeat("a__", Size / 3) + "_a");
        yield return Case("dots and slash", Repeat("a.", Size / 2) + "/");
        yield return Case("many components", Repeat("a/", Size / 2) + "a");
        yield return Case("many colons", Repeat("a:", Size / 2));
        yield return Case("many at signs", Repeat("a@", Size / 2));
        yield return Case("long tag", "a:" + new string('t', Size));
        yield return Case("long bad tag", "a:" + new string('t', Size) + "!");
        yield return Case("long port", "x.y:" + new string('1', Size) + "/a");
        yield return Case("long host label", new string('a', Size) + ".com/x");
        yield return Case("host dash runs", Repeat("a-", Size / 2) + ".com/x");
        yield return Case("ipv6 colons", "[" + new string(':', Size) + "]/x");
        yield return Case("ipv6 unclosed", "[" + new string(':', Size) + "/x");
        yield return Case("digest separators", "a@" + Repeat("sha256+", Size / 7) + ":abc");
        yield return Case("digest long encoded", "a@sha256:" + new string('f', Size));
        yield return Case("digest long unknown", "a@x:" + new string('f', Size));
        yield return Case("slashes only", new string('/', Size));
        yield return Case("valid-looking mix", Repeat("ab.cd-ef__gh/", Size / 13) + "x:y@sha256:" + Hex64);
        yield return Case("uppercase at end", new string('a', Size) + "A");
    }

    [TestCaseSource(nameof(PathologicalInputs))]
    public void Parse_PathologicalInput_ReturnsOrThrowsTyped(string input)
    {
        var accepted = ImageReference.TryParse(input, out var reference);

        if (accepted)
        {
            Assert.That(ImageReference.Parse(input), Is.EqualTo(reference));
        }
        else
        {
            Assert.That(() => ImageReference.Parse(input), Throws.TypeOf<ImageReferenceException>());
        }

        _ = OciDigest.TryParse(input, out _);
        _ = ReferenceGrammar.IsValidTag(input);
        _ = ReferenceGrammar.IsValidRepository(input);
        _ = ReferenceGrammar.IsValidRegistryHost(input);
    }

    [Test]
    public void Parse_TenThousandMutatedInputs_OnlyTypedErrorsAndRoundTrips()
    {
        var random = new Random(20_260_521);
        var accepted = 0;

        for (var i = 0; i < 10_000; i++)
        {
            var input = i % 4 == 0 ? RandomText(random) : Mutate(random, s_seeds[random.Next(s_seeds.Length)]);
            var parsed = ImageReference.TryParse(input, out var reference);
            ImageReference? thrown = null;
            try
            {
                thrown = ImageReference.Parse(input);
            }
            catch (ImageReferenceException error)
            {
                Assert.That(parsed, Is.False, $"Parse threw for '{input}' but TryParse accepted it: {error.Reason}");
                Assert.That(error.Position, Is.InRange(-1, input.Length), input);
            }

            if (!parsed)
            {
                Assert.That(thrown, Is.Null, $"TryParse refused '{input}' but Parse accepted it");
                continue;
            }

            accepted++;
            Assert.That(thrown, Is.EqualTo(reference), input);
            Assert.That(ImageReference.Parse(reference!.ToString()), Is.EqualTo(reference), input);
            Assert.That(
                ImageReference.Create(reference.Registry, reference.Repository, reference.Tag, reference.Digest),
                Is.EqualTo(reference),
                input);
        }

        Assert.That(accepted, Is.GreaterThan(500), "the fuzz run should also exercise accepted references");
    }

    [Test]
    public void OciDigestParse_TenThousandMutatedInputs_AgreesWithTryParse()
    {
        var random = new Random(7);
        string[] seeds = [EmptySha256, Sha512, "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "x.y:z="];

        for (var i = 0; i < 10_000; i++)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Length)]);
            var parsed = OciDigest.TryParse(input, out var digest);
            try
            {
                Assert.That(OciDigest.Parse(input), Is.EqualTo(digest), input);
                Assert.That(parsed, Is.True, input);
            }
            catch (ImageReferenceException)
            {
                Assert.That(parsed, Is.False, input);
            }
        }
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random, string seed)
    {
        var builder = new StringBuilder(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0:
                    builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(at, 1);
                    break;
                case 2 when builder.Length > 0:
                    builder[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 3 when builder.Length > 0:
                    builder.Insert(at, builder.ToString(at, Math.Min(5, builder.Length - at)));
                    break;
                case 4:
                    builder.Length = at;
                    break;
                default:
                    // Leave this edit out, so that some inputs stay valid.
                    break;
            }
        }

        return builder.ToString();
    }

    private static TestCaseData Case(string name, string input) =>
        new TestCaseData(input).SetArgDisplayNames(name);
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Tests.Fuzz;

/// <summary>
/// Feeds generated and mutated inputs to the image-reference parser, the connection validator, the
/// <c>WWW-Authenticate</c> parser and the manifest reader: only their typed exceptions may come out, and a 1 MiB
/// adversarial input may cost at most about 16 times a 64 KiB one (linear, with slack). Explicit: run it with
/// <c>dotnet test tests/Planton.Registry.Sdk.Tests --filter "TestCategory=Fuzz"</c>; PLANTON_FUZZ_INPUTS sets the
/// inputs per target (default 300,000, so 1.2 million in all).
/// </summary>
[Explicit("A long run; not part of the timed CI tests.")]
[Category("Fuzz")]
public sealed class ParserFuzzTests
{
    private const string Alphabet =
        "abcxyzABCXYZ0189:/@._-+=,;\"\\ \t\r\n%?#[]{}()<>*&'!~$|^`\u00e9\u4e2d\ud83d\ude00\0";

    private static readonly string[] s_referenceSeeds =
    [
        "nginx", "nginx:1.25", "docker.io/library/nginx:latest", "localhost:5000/team/app:v1",
        "us-central1-docker.pkg.dev/proj/repo/app@sha256:" + new string('a', 64),
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1.2.3", "[::1]:5000/a/b:c",
        "ghcr.io/owner/image:tag@sha256:" + new string('0', 64), "registry.test/a__b/c--d/e.f:g",
    ];

    private static readonly string[] s_challengeSeeds =
    [
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a:pull\"",
        "Basic realm=\"Artifactory Realm\"", "Bearer realm=\"https://r/token\", error=\"insufficient_scope\"",
        "Basic realm=\"a\", Bearer realm=\"b\",service=\"c\"", "Bearer realm=\"x\\\"y\"", "Negotiate, NTLM",
    ];

    private static readonly string[] s_manifestSeeds =
    [
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + new string('a', 64) + "\",\"size\":7},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:"
        + new string('b', 64) + "\",\"size\":1}]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + new string('c', 64)
        + "\",\"size\":3,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}",
    ];

    private static readonly string[] s_fieldSeeds =
    [
        "", " ", "https://registry.test", "http://127.0.0.1:5000/", "us-central1", "123456789012", "AKIA0000",
        "my-project-123", "team/app", "a@b.c", "11111111-2222-3333-4444-555555555555", "eu", "ftp://x", "..\\..",
    ];

    [Test]
    public void Parsers_MillionsOfMutatedInputs_OnlyTypedExceptionsAndLinearTime()
    {
        var perTarget = int.TryParse(
            Environment.GetEnvironmentVariable("PLANTON_FUZZ_INPUTS"), CultureInfo.InvariantCulture, out var n)
            ? n
            : 300_000;
        var random = new Random(20260301);
        var targets = new[]
        {
            new FuzzTarget("image reference parser", s_referenceSeeds, s => ImageReference.Parse(s),
                typeof(ImageReferenceException)),
            new FuzzTarget("WWW-Authenticate parser", s_challengeSeeds, s => WwwAuthenticateParser.Parse(s), null),
            new FuzzTarget("manifest reader", s_manifestSeeds,
                s => OciManifestDocument.Parse(Encoding.UTF8.GetBytes(s), null), typeof(InvalidDataException)),
            new FuzzTarget("connection validator", s_fieldSeeds, s => ValidateConnection(s, random), null),
        };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"fuzz {DateTime.UtcNow:yyyy-MM-dd} on {Environment.MachineName}, {Environment.ProcessorCount} cores, "
            + $".NET {Environment.Version}, seed 20260301");
        foreach (var target in targets)
        {
            var statistics = Run(target, perTarget, random);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{target.Name}: {statistics.Inputs} inputs, {statistics.TypedExceptions} typed exceptions, longest "
                + $"{statistics.LongestMilliseconds:0.###} ms (input of {statistics.LongestInputLength} chars), "
                + $"largest input {statistics.LargestInputLength} chars, 1 MiB / 64 KiB time ratio "
                + $"{statistics.GrowthRatio:0.#} (16 = linear)");
            Assert.That(statistics.GrowthRatio, Is.LessThan(64), target.Name);
        }

        TestContext.Out.WriteLine(report.ToString());
        var path = Environment.GetEnvironmentVariable("PLANTON_FUZZ_REPORT");
        if (!string.IsNullOrEmpty(path))
        {
            File.WriteAllText(path, report.ToString());
        }
    }

    private static FuzzStatistics Run(FuzzTarget target, int inputs, Random random)
    {
        var statistics = new FuzzStatistics();
        var corpus = new List<string>(target.Seeds);
        var watch = new Stopwatch();
        for (var i = 0; i < inputs; i++)
        {
            var input = i % 5 == 0 ? Generate(random) : Mutate(corpus[random.Next(corpus.Count)], random);
            if (corpus.Count < 2000 && random.Next(50) == 0)
            {
                corpus.Add(input);
            }

            watch.Restart();
            Invoke(target, input, statistics);
            watch.Stop();
            statistics.Inputs++;
            statistics.LargestInputLength = Math.Max(statistics.LargestInputLength, input.Length);
            if (watch.Elapsed.TotalMilliseconds > statistics.LongestMilliseconds)
            {
                statistics.LongestMilliseconds = watch.Elapsed.TotalMilliseconds;
                statistics.LongestInputLength = input.Length;
            }
        }

        statistics.GrowthRatio = Growth(target, new FuzzStatistics());
        return statistics;
    }

    private static void Invoke(FuzzTarget target, string input, FuzzStatistics statistics)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception ex) when (target.TypedException is not null && target.TypedException.IsInstanceOfType(ex))
        {
            statistics.TypedExceptions++;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{target.Name} threw {ex.GetType().Name} for an input of {input.Length} chars: "
                + $"{Escape(input[..Math.Min(input.Length, 200)])}\n{ex}");
        }
    }

    /// <summary>
    /// The time of the worst of a few adversarial 1 MiB inputs over that of the same pattern at 64 KiB, best of
    /// three runs each, so that a pause of the machine does not count.
    /// </summary>
    private static double Growth(FuzzTarget target, FuzzStatistics statistics)
    {
        var worst = 0.0;
        foreach (var pattern in new[] { "a", "a/", "a:", "\"", "\\\"", ",", "{\"a\":[", "[", "=", "@sha256:", ". " })
        {
            var small = Best(target, Repeat(pattern, 64 * 1024), statistics);
            var large = Best(target, Repeat(pattern, 1024 * 1024), statistics);
            worst = Math.Max(worst, large / Math.Max(small, 0.05));
        }

        return worst;
    }

    private static string Repeat(string pattern, int length) =>
        string.Concat(Enumerable.Repeat(pattern, length / pattern.Length));

    private static double Best(FuzzTarget target, string input, FuzzStatistics statistics)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            Invoke(target, input, statistics);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static string Generate(Random random)
    {
        var length = random.Next(10) == 0 ? random.Next(4096) : random.Next(64);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(at, 1 + random.Next(Math.Min(8, text.Length - at)));
                    break;
                case 2 when text.Length > 0:
                    text[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 3 when text.Length > 0 && text.Length < 16_384:
                    var length = 1 + random.Next(Math.Min(32, text.Length - at));
                    var piece = text.ToString(at, length);
                    text.Insert(at, string.Concat(Enumerable.Repeat(piece, 1 + random.Next(16))));
                    break;
                case 4 when text.Length > 0:
                    text.Length = at;
                    break;
                default:
                    text.Append(Alphabet[random.Next(Alphabet.Length)]);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A connection of a random (sometimes undefined) provider whose every string, secret, flag and number field of
    /// every provider section is random, validated; <see cref="RegistryConnectionOptions.Validate"/> must only report.
    /// </summary>
    private static void ValidateConnection(string input, Random random)
    {
        var options = new RegistryConnectionOptions
        {
            Name = random.Next(4) == 0 ? null : input,
            Provider = random.Next(10) == 0
                ? (RegistryProviderKind)random.Next(-3, 20)
                : (RegistryProviderKind)(1 + random.Next(8)),
            AllowInsecureHttp = random.Next(2) == 0,
        };
        foreach (var section in typeof(RegistryConnectionOptions).GetProperties()
            .Where(p => p.PropertyType.IsClass && p.PropertyType != typeof(string) && p.CanWrite))
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            var value = Activator.CreateInstance(section.PropertyType)!;
            Fill(value, input, random);
            section.SetValue(options, value);
        }

        _ = options.Validate();
    }

    private static void Fill(object target, string input, Random random)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite))
        {
            var value = Pick(input, random);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? assigned = type == typeof(string) ? value
                : type == typeof(Secret) ? (value is null ? null : new Secret(value))
                : type == typeof(bool) ? random.Next(2) == 0
                : type == typeof(int) ? random.Next(-5, 100_000)
                : type.IsEnum ? Enum.ToObject(type, random.Next(-2, 8))
                : null;
            if (assigned is not null || !property.PropertyType.IsValueType)
            {
                property.SetValue(target, assigned);
            }
        }
    }

    private static string? Pick(string input, Random random) => random.Next(6) switch
    {
        0 => null,
        1 => s_fieldSeeds[random.Next(s_fieldSeeds.Length)],
        2 => Mutate(s_fieldSeeds[random.Next(s_fieldSeeds.Length)], random),
        _ => input,
    };

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}

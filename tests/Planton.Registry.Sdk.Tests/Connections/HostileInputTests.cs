using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>Odd, huge and random inputs: validation never throws and its messages stay short and plain.</summary>
public sealed class HostileInputTests
{
    private const int MaxMessageLength = 700;

    private static readonly string s_megabyte = new('a', 1 << 20);

    private static readonly string[] s_oddValues =
    [
        "",
        " ",
        "\0",
        "\r\n",
        "\u202Egnp.exe",
        "\u200B",
        "\uFEFF",
        ((char)0xD800).ToString(),
        "💥",
        "\U000E0041",
        "[",
        "[::1",
        "[]:",
        ":",
        "a:",
        ":0",
        "%",
        "@",
        "http://",
        "https://[::1",
        "http://@",
        "https://a@b@c",
        "https://xn--",
        "https://" + new string('a', 300) + ".com",
        "file:///etc/passwd",
        "\\\\server\\share",
        "-----BEGIN PRIVATE KEY-----",
        "{",
        "====",
        "A===",
        "//8=",
        s_megabyte,
        s_megabyte + "\n",
        string.Concat(Enumerable.Repeat("a-", 1 << 19)),
        string.Concat(Enumerable.Repeat("a.", 1 << 19)),
        string.Concat(Enumerable.Repeat("a/", 1 << 19)),
        string.Concat(Enumerable.Repeat("ab--", 1 << 18)),
    ];

    public static IEnumerable<TestCaseData> OddValueCases()
    {
        for (var i = 0; i < s_oddValues.Length; i++)
        {
            yield return new TestCaseData(i).SetArgDisplayNames(
                RegistryConnectionValidator.Quote(s_oddValues[i]).Replace("\\", "/", StringComparison.Ordinal));
        }
    }

    [TestCaseSource(nameof(OddValueCases))]
    public void Validate_OddValueInEveryField_NeverThrowsAndKeepsMessagesPlain(int valueIndex)
    {
        var value = s_oddValues[valueIndex];
        foreach (var (provider, create) in All())
        {
            var connection = create();
            FillEveryField(connection, provider, value);

            var problems = RegistryConnectionValidator.Validate(connection);

            Assert.That(problems, Is.Not.Empty, provider.ToString());
            AssertPlain(problems);
        }
    }

    [Test]
    public void Validate_RandomValues_NeverThrowAndKeepMessagesPlain()
    {
        var random = new Random(20260821);
        const string alphabet = "aZ09-_./:@?#[]% \t\n\u0000\u202E\u00e9💥=+{}\"'\\";
        for (var round = 0; round < 400; round++)
        {
            foreach (var (provider, create) in All())
            {
                var connection = create();
                foreach (var property in Settable(connection, provider))
                {
                    if (random.Next(3) == 0)
                    {
                        var length = random.Next(0, 40);
                        var text = string.Concat(
                            Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
                        property.Set(text);
                    }
                }

                AssertPlain(RegistryConnectionValidator.Validate(connection));
            }
        }
    }

    [Test]
    public void Validate_MegabyteInEveryField_ReturnsShortMessages()
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var (provider, create) in All())
        {
            var connection = create();
            FillEveryField(connection, provider, s_megabyte);
            connection.Name = s_megabyte;

            var problems = RegistryConnectionValidator.Validate(connection);

            Assert.That(problems.Select(p => p.Field), Does.Contain("Name"));
            AssertPlain(problems);
        }

        // Reported for the record only; the run's duration is not asserted.
        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"8 connections, 1 MB per field: {stopwatch.ElapsedMilliseconds} ms"));
    }

    [Test]
    public void Validate_UndefinedEnumsEverywhere_NeverThrows()
    {
        var connection = Gcp();
        connection.Provider = (RegistryProviderKind)(-1);
        Assert.That(RegistryConnectionValidator.Validate(connection).Single().Field, Is.EqualTo("Provider"));

        var jfrog = JFrog();
        jfrog.JFrogArtifactory!.Format = (ArtifactFormat)(-5);
        jfrog.JFrogArtifactory.DockerAccessMethod = (JFrogDockerAccessMethod)int.MaxValue;
        Assert.That(
            RegistryConnectionValidator.Validate(jfrog).Select(p => p.Field),
            Is.EqualTo(new[] { "JFrogArtifactory:Format", "JFrogArtifactory:DockerAccessMethod" }));
    }

    private static void AssertPlain(IReadOnlyList<ConfigurationProblem> problems)
    {
        Assert.That(problems.Select(p => p.Field), Is.Unique);
        foreach (var problem in problems)
        {
            Assert.That(problem.Message.Length, Is.LessThanOrEqualTo(MaxMessageLength), problem.Field);
            Assert.That(IsPlain(problem.ToString()), Is.True, problem.Field);
        }
    }

    /// <summary>True when the text has no control, format or separator character and no broken surrogate.</summary>
    private static bool IsPlain(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static void FillEveryField(
        RegistryConnectionOptions connection, RegistryProviderKind provider, string value)
    {
        foreach (var property in Settable(connection, provider))
        {
            property.Set(value);
        }
    }

    /// <summary>Every string and secret property of the provider's object, as setters taking text.</summary>
    private static IEnumerable<(string Name, Action<string> Set)> Settable(
        RegistryConnectionOptions connection, RegistryProviderKind provider)
    {
        var section = typeof(RegistryConnectionOptions).GetProperty(provider.ToString())!.GetValue(connection)!;
        foreach (var property in section.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string))
            {
                yield return (property.Name, text => property.SetValue(section, text));
            }
            else if (property.PropertyType == typeof(Secret))
            {
                yield return (property.Name, text => property.SetValue(section, new Secret(text)));
            }
        }
    }
}

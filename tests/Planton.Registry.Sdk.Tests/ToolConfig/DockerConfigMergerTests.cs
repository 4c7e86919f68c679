using System.Text;
using System.Text.Json.Nodes;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class DockerConfigMergerTests
{
    private const string Host = "h:5000";

    /// <summary>
    /// A docker config as people have them: odd spacing, escapes, other hosts, helpers, unknown keys.
    /// </summary>
    private const string Realistic =
        "{\n"
        + "    \"auths\" : {\n"
        + "        \"https://index.docker.io/v1/\" : { \"auth\" : \"ZG9ja2VyOmh1Yg==\" },\n"
        + "        \"ghcr.io\":{\"auth\":\"Z2g6cGF0\",\"email\":\"a\\u0040b\"}\n"
        + "    },\n"
        + "    \"credHelpers\": { \"123456789012.dkr.ecr.us-east-1.amazonaws.com\": \"ecr-login\" },\n"
        + "    \"HttpHeaders\": { \"User-Agent\": \"x\" },\n"
        + "    \"psFormat\": \"table {{.ID}}\\t{{.Image}}\",\n"
        + "    \"proxies\": {\"default\": {\"httpProxy\": \"http://p:3128\"}}\n"
        + "}\n";

    private static readonly RegistryCredential s_credential = new("u", new Secret("p"));

    public static IEnumerable<TestCaseData> Merges()
    {
        const string fresh = "{\n\t\"auths\": {\n\t\t\"h:5000\": {\n\t\t\t\"auth\": \"dTpw\"\n\t\t}\n\t}\n}";
        yield return new TestCaseData(null, fresh).SetArgDisplayNames("no file: docker's tab style");
        yield return new TestCaseData("  \n", fresh).SetArgDisplayNames("blank file");
        yield return new TestCaseData("{}", "{\"auths\":{\"h:5000\":{\"auth\":\"dTpw\"}}}")
            .SetArgDisplayNames("one-line {}");
        yield return new TestCaseData(
                "{\n\t\"auths\": {\n\t\t\"other.io\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t}\n\t},"
                + "\n\t\"credsStore\": \"desktop\"\n}",
                "{\n\t\"auths\": {\n\t\t\"other.io\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t},"
                + "\n\t\t\"h:5000\": {\n\t\t\t\"auth\": \"dTpw\"\n"
                + "\t\t}\n\t},\n\t\"credsStore\": \"desktop\"\n}")
            .SetArgDisplayNames("another host kept, new host after it");
        yield return new TestCaseData(
                "{\n  \"auths\": {\n    \"h:5000\": {\"auth\": \"b2xkOm9sZA==\", \"email\": \"x@y\", "
                + "\"identitytoken\": \"old\", "
                + "\"registrytoken\": \"r\"}\n  }\n}",
                "{\n  \"auths\": {\n    \"h:5000\": {\n      \"auth\": \"dTpw\",\n"
                + "      \"email\": \"x@y\"\n    }\n  }\n}")
            .SetArgDisplayNames("host replaced, unknown field kept, stale tokens dropped");
        yield return new TestCaseData(
                "{\n\t\"auths\": {},\n\t\"x\": 1\n}",
                "{\n\t\"auths\": {\n\t\t\"h:5000\": {\n\t\t\t\"auth\": \"dTpw\"\n\t\t}\n\t},\n\t\"x\": 1\n}")
            .SetArgDisplayNames("empty auths");
        yield return new TestCaseData("{\"auths\": null}", "{\"auths\": {\"h:5000\":{\"auth\":\"dTpw\"}}}")
            .SetArgDisplayNames("auths null");
        yield return new TestCaseData(
                "{\r\n    \"credHelpers\": {\r\n        \"gcr.io\": \"gcloud\"\r\n    }\r\n}",
                "{\r\n    \"credHelpers\": {\r\n        \"gcr.io\": \"gcloud\"\r\n    },\r\n"
                + "    \"auths\": {\r\n        \"h:5000\": {\r\n"
                + "            \"auth\": \"dTpw\"\r\n        }\r\n    }\r\n}")
            .SetArgDisplayNames("no auths, CRLF and four spaces");
        yield return new TestCaseData("\uFEFF{}", "\uFEFF{\"auths\":{\"h:5000\":{\"auth\":\"dTpw\"}}}")
            .SetArgDisplayNames("byte order mark kept");
        yield return new TestCaseData(
                "{\n\t\"auths\": {\n\t\t\"https://h:5000\": {\n\t\t\t\"auth\": \"eDp5\","
                + "\n\t\t\t\"email\": \"a@b\"\n\t\t}\n\t}\n}",
                "{\n\t\"auths\": {\n\t\t\"h:5000\": {\n\t\t\t\"auth\": \"dTpw\","
                + "\n\t\t\t\"email\": \"a@b\"\n\t\t}\n\t}\n}")
            .SetArgDisplayNames("only a scheme-prefixed key: renamed to the host in place");
        yield return new TestCaseData(
                "{\"auths\":{\"http://h:5000\":{\"auth\":\"b2xk\"},\"other.io\":{\"auth\":\"eDp5\"},"
                + "\"h:5000\":{\"auth\":\"b2xk\"},\"h:5000/v2/\":{\"auth\":\"b2xk\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"aHViOng=\"}}}",
                "{\"auths\":{\"other.io\":{\"auth\":\"eDp5\"},\"h:5000\":{\"auth\":\"dTpw\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"aHViOng=\"}}}")
            .SetArgDisplayNames("bare key kept, aliases before and after it removed");
        yield return new TestCaseData(
                "{\n  \"auths\": {\n    \"h:5000/\": {\"auth\": \"b2xk\"},\n    \"other.io\": {\"auth\": \"eDp5\"},"
                + "\n    \"https://h:5000/v1/\": {\"auth\": \"b2xk\"}\n  }\n}",
                "{\n  \"auths\": {\n    \"h:5000\": {\n      \"auth\": \"dTpw\"\n    },"
                + "\n    \"other.io\": {\"auth\": \"eDp5\"}\n  }\n}")
            .SetArgDisplayNames("two aliases, no bare key: the first renamed, the last removed");
    }

    [TestCaseSource(nameof(Merges))]
    public void Merge_Configs_SpliceTheEntryInTheFilesOwnStyle(string? original, string expected)
    {
        var merged = DockerConfigMerger.Merge(
            original is null ? null : Encoding.UTF8.GetBytes(original), [new DockerConfigAuth(Host, s_credential)]);

        Assert.That(Encoding.UTF8.GetString(merged), Is.EqualTo(expected));
    }

    [TestCase("h:5000", false)]
    [TestCase("https://h:5000", true)]
    [TestCase("http://h:5000", true)]
    [TestCase("h:5000/", true)]
    [TestCase("https://h:5000/v1/", true)]
    [TestCase("http://h:5000/v2/", true)]
    [TestCase("h:50000", false)]
    [TestCase("ftp://h:5000", false)]
    [TestCase("HTTPS://h:5000", false)]
    [TestCase("other.io/h:5000", false)]
    public void IsAlias_Keys_AsDockerReadsThem(string key, bool expected) =>
        Assert.That(DockerConfigMerger.IsAlias(key, Host), Is.EqualTo(expected));

    [Test]
    public void IsAlias_DockerHubsOwnKey_NeverAnAlias() =>
        Assert.That(DockerConfigMerger.IsAlias("https://index.docker.io/v1/", "index.docker.io"), Is.False);

    [TestCase("[1]")]
    [TestCase("{")]
    [TestCase("{\"a\":1} x")]
    [TestCase("{\"a\":1,}")]
    [TestCase("{\"a\":1 /* c */}")]
    [TestCase("not json")]
    [TestCase("\"text\"")]
    public void Merge_NotAJsonObject_ThrowsFormatException(string original)
    {
        Assert.Throws<FormatException>(() =>
            DockerConfigMerger.Merge(Encoding.UTF8.GetBytes(original), [new DockerConfigAuth(Host, s_credential)]));
    }

    [Test]
    public void Merge_NewHostIntoRealisticConfig_EveryOtherByteKept()
    {
        var merged = Encoding.UTF8.GetString(
            DockerConfigMerger.Merge(Encoding.UTF8.GetBytes(Realistic), [new DockerConfigAuth(Host, s_credential)]));

        var insertAt = Realistic.IndexOf("\"a\\u0040b\"}", StringComparison.Ordinal) + "\"a\\u0040b\"}".Length;
        Assert.Multiple(() =>
        {
            Assert.That(merged, Does.StartWith(Realistic[..insertAt]));
            Assert.That(merged, Does.EndWith(Realistic[insertAt..]));
            Assert.That(merged[insertAt..^(Realistic.Length - insertAt)], Is.EqualTo(
                ",\n        \"h:5000\": {\n            \"auth\": \"dTpw\"\n        }"));
            Assert.That(JsonNode.Parse(merged)!["auths"]![Host], Is.Not.Null);
            Assert.That(JsonNode.DeepEquals(Without(merged, Host), JsonNode.Parse(Realistic)), Is.True);
        });
    }

    [Test]
    public void Merge_ReplaceHostInRealisticConfig_OnlyThatEntrysValueChanges()
    {
        var merged = Encoding.UTF8.GetString(
            DockerConfigMerger.Merge(
                Encoding.UTF8.GetBytes(Realistic), [new DockerConfigAuth("ghcr.io", s_credential)]));

        var start = Realistic.IndexOf("{\"auth\":\"Z2g6cGF0\"", StringComparison.Ordinal);
        var end = Realistic.IndexOf("\"a\\u0040b\"}", StringComparison.Ordinal) + "\"a\\u0040b\"}".Length;
        var parsed = JsonNode.Parse(merged)!;
        Assert.Multiple(() =>
        {
            Assert.That(merged, Does.StartWith(Realistic[..start]));
            Assert.That(merged, Does.EndWith(Realistic[end..]));
            Assert.That(parsed["auths"]!["ghcr.io"]!["auth"]!.GetValue<string>(), Is.EqualTo("dTpw"));
            Assert.That(parsed["auths"]!["ghcr.io"]!["email"]!.GetValue<string>(), Is.EqualTo("a@b"));
        });
    }

    [Test]
    public void Merge_IdentityToken_WrittenAsPasswordAndIdentityToken()
    {
        var credential = new RegistryCredential(
            "00000000-0000-0000-0000-000000000000", new Secret("refresh+token/x"), isIdentityToken: true);

        var merged = JsonNode.Parse(DockerConfigMerger.Merge(null, [new DockerConfigAuth(Host, credential)]))!;

        var entry = merged["auths"]![Host]!;
        Assert.Multiple(() =>
        {
            Assert.That(
                Encoding.UTF8.GetString(Convert.FromBase64String(entry["auth"]!.GetValue<string>())),
                Is.EqualTo("00000000-0000-0000-0000-000000000000:refresh+token/x"));
            Assert.That(entry["identitytoken"]!.GetValue<string>(), Is.EqualTo("refresh+token/x"));
        });
    }

    [Test]
    public void Merge_SameEntryTwice_SecondMergeChangesNothing()
    {
        var once = DockerConfigMerger.Merge(
            Encoding.UTF8.GetBytes(Realistic), [new DockerConfigAuth(Host, s_credential)]);

        var twice = DockerConfigMerger.Merge(once, [new DockerConfigAuth(Host, s_credential)]);

        Assert.That(twice, Is.EqualTo(once));
    }

    [Test]
    public void Merge_SeveralHosts_AllWrittenInOrder()
    {
        var merged = JsonNode.Parse(DockerConfigMerger.Merge(
            Encoding.UTF8.GetBytes(Realistic),
            [new DockerConfigAuth("a.example", s_credential), new DockerConfigAuth("ghcr.io", s_credential)]))!;

        Assert.That(
            merged["auths"]!.AsObject().Select(p => p.Key),
            Is.EqualTo(new[] { "https://index.docker.io/v1/", "ghcr.io", "a.example" }));
    }

    private static JsonNode Without(string merged, string host)
    {
        var node = JsonNode.Parse(merged)!;
        node["auths"]!.AsObject().Remove(host);
        return node;
    }
}

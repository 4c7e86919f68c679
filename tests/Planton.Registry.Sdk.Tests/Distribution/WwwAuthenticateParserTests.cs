using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class WwwAuthenticateParserTests
{
    private static readonly object[] s_cases =
    [
        new object[] { "Basic realm=\"planton-registry\"", "Basic{realm=planton-registry}" },
        new object[] { "basic realm=x", "basic{realm=x}" },
        new object[]
        {
            "Bearer realm=\"http://127.0.0.1:5004/token\",service=\"planton-registry\"",
            "Bearer{realm=http://127.0.0.1:5004/token|service=planton-registry}",
        },
        new object[]
        {
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/alpine:pull,push\",error=\"insufficient_scope\"",
            "Bearer{realm=https://auth.docker.io/token|service=registry.docker.io|"
                + "scope=repository:library/alpine:pull,push|error=insufficient_scope}",
        },
        new object[] { "Bearer realm = \"a\" , service = b", "Bearer{realm=a|service=b}" },
        new object[]
        {
            "Bearer realm=\"with \\\"quotes\\\" and \\\\ slash\"", "Bearer{realm=with \"quotes\" and \\ slash}",
        },
        new object[] { "Bearer realm=\"a,b\",service=\"c d\"", "Bearer{realm=a,b|service=c d}" },
        new object[]
        {
            "Basic realm=\"r\", Bearer realm=\"t\",service=\"s\"", "Basic{realm=r};Bearer{realm=t|service=s}",
        },
        new object[] { "Basic, Bearer realm=\"t\"", "Basic{};Bearer{realm=t}" },
        new object[] { "Negotiate abc123==, Basic realm=\"r\"", "Negotiate[abc123==]{};Basic{realm=r}" },
        new object[] { "Bearer", "Bearer{}" },
        new object[] { "", "" },
        new object[] { "   ", "" },
        new object[] { "Bearer REALM=\"x\",Service=\"y\"", "Bearer{REALM=x|Service=y}" },
        new object[] { "Bearer realm=\"first\",realm=\"second\"", "Bearer{realm=first}" },
        new object[] { "Bearer realm=\"unterminated", "Bearer{}" },
        new object[] { "Bearer realm=\"ok\" garbage, Basic realm=\"r\"", "Bearer{realm=ok}" },
        new object[] { "Bearer realm=\"a\\", "Bearer{}" },
        new object[] { ",,Basic realm=r,,", "Basic{realm=r}" },
        new object[] { "=oops", "" },
        new object[] { "Bearer error=\"invalid_token\"", "Bearer{error=invalid_token}" },
    ];

    [TestCaseSource(nameof(s_cases))]
    public void Parse_HeaderValue_GivesChallenges(string header, string expected)
    {
        var challenges = WwwAuthenticateParser.Parse(header);

        Assert.That(Describe(challenges), Is.EqualTo(expected));
    }

    [Test]
    public void Parse_SeveralHeaders_KeepsOrder()
    {
        var challenges = WwwAuthenticateParser.Parse(["Basic realm=\"a\"", "Bearer realm=\"b\""]);

        Assert.That(Describe(challenges), Is.EqualTo("Basic{realm=a};Bearer{realm=b}"));
    }

    [Test]
    public void Parse_ParameterNames_AreCaseInsensitive()
    {
        var challenge = WwwAuthenticateParser.Parse("Bearer REALM=\"x\",Service=\"y\",SCOPE=\"z\"").Single();

        Assert.That(challenge.Realm, Is.EqualTo("x"));
        Assert.That(challenge.Service, Is.EqualTo("y"));
        Assert.That(challenge.Scope, Is.EqualTo("z"));
        Assert.That(challenge.IsBearer, Is.True);
    }

    private static string Describe(IEnumerable<AuthenticationChallenge> challenges) =>
        string.Join(';', challenges.Select(c =>
            c.Scheme
            + (c.Token68 is null ? string.Empty : $"[{c.Token68}]")
            + "{" + string.Join('|', c.Parameters.Select(p => $"{p.Key}={p.Value}")) + "}"));
}

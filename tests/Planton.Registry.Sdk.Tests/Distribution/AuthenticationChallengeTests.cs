using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class AuthenticationChallengeTests
{
    [TestCase("Bearer realm=\"https://r.test/token\",service=\"r\", Basic realm=\"x\"", "Bearer")]
    [TestCase("Basic realm=\"x\", Bearer realm=\"https://r.test/token\"", "Bearer")]
    [TestCase("Basic, Bearer", "Basic")]
    [TestCase("Bearer service=\"r\", Basic realm=\"Artifactory Realm\"", "Basic")]
    [TestCase("Basic realm=\"x\"", "Basic")]
    [TestCase("Bearer", null)]
    [TestCase("Negotiate, NTLM", null)]
    [TestCase("", null)]
    public void ChooseUsable_OfferedChallenges_AnswersOneThatCanBeAnswered(string header, string? expected)
    {
        var challenges = WwwAuthenticateParser.Parse([header]);

        Assert.That(AuthenticationChallenge.ChooseUsable(challenges)?.Scheme, Is.EqualTo(expected));
    }
}

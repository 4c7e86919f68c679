using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Gcp;
using Planton.Registry.Sdk.DependencyInjection;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.Tests.Credentials.Gcp;

public sealed class GcpTokenServiceTests
{
    private const string ClientEmail = "pusher@planton-test.iam.gserviceaccount.com";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task GetAccessTokenAsync_KeyKnownToGoogle_SendsVerifiedAssertionToTokenUriAndReturnsToken()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var google = new FakeGoogleTokenServer(clock);
        google.RegisterKey(ClientEmail, TestKeys.Rsa);
        var factory = new TestHttpClientFactory();
        var service = new GcpTokenService(factory, clock, NullLogger<GcpTokenService>.Instance);
        var key = GcpServiceAccountKey.Parse(new Secret(TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri)));

        var token = await service.GetAccessTokenAsync(key);

        Assert.That(google.Assertions.TryPeek(out var claims), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(token.AccessToken.Reveal(), Is.EqualTo(google.AccessToken));
            Assert.That(token.ExpiresOn, Is.EqualTo(s_start.AddSeconds(3599)));
            Assert.That(google.Exchanges, Is.EqualTo(1));
            Assert.That(google.Refusals, Is.Empty);
            Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo(ClientEmail));
            Assert.That(claims.GetProperty("aud").GetString(), Is.EqualTo(FakeGoogleTokenServer.GoogleTokenUrl));
            Assert.That(claims.GetProperty("scope").GetString(), Is.EqualTo(GcpTokenService.CloudPlatformScope));
            Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(s_start.ToUnixTimeSeconds()));
            Assert.That(
                claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(),
                Is.LessThanOrEqualTo(3600));
            Assert.That(factory.Names, Has.All.EqualTo(PlantonRegistryHttpClients.TokenService));
        });
    }

    [Test]
    public async Task GetAccessTokenAsync_KeyNotTheAccountsKey_ThrowsAuthenticationWithoutKeyMaterial()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var google = new FakeGoogleTokenServer(clock);
        using var other = RSA.Create(2048);
        google.RegisterKey(ClientEmail, other);
        var service = new GcpTokenService(new TestHttpClientFactory(), clock, NullLogger<GcpTokenService>.Instance);
        var base64 = TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri);
        var key = GcpServiceAccountKey.Parse(new Secret(base64));

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(() => service.GetAccessTokenAsync(key));

        Assert.Multiple(() =>
        {
            Assert.That(
                error!.Message,
                Does.Contain(ClientEmail).And.Contain("invalid_grant").And.Contain("Invalid JWT Signature"));
            Assert.That(error.Message, Does.Not.Contain(base64[..40]).And.Not.Contain("PRIVATE KEY"));
            Assert.That(google.Refusals, Has.Member("Invalid JWT Signature."));
        });
    }

    [Test]
    public async Task GetAccessTokenAsync_ClientClockAnHourOff_RefusedByTheTokenService()
    {
        var serverClock = new FakeTimeProvider(s_start);
        await using var google = new FakeGoogleTokenServer(serverClock);
        google.RegisterKey(ClientEmail, TestKeys.Rsa);
        var clientClock = new FakeTimeProvider(s_start.AddHours(1));
        var service = new GcpTokenService(
            new TestHttpClientFactory(), clientClock, NullLogger<GcpTokenService>.Instance);
        var key = GcpServiceAccountKey.Parse(new Secret(TestKeys.ServiceAccountKeyBase64(google.TokenUri.AbsoluteUri)));

        Assert.ThrowsAsync<RegistryAuthenticationException>(() => service.GetAccessTokenAsync(key));
    }

    [Test]
    public void GetAccessTokenAsync_NothingListensAtTokenUri_ThrowsRequestFailedWithoutStatus()
    {
        var clock = new FakeTimeProvider(s_start);
        var service = new GcpTokenService(new TestHttpClientFactory(), clock, NullLogger<GcpTokenService>.Instance);
        var key = GcpServiceAccountKey.Parse(new Secret(TestKeys.ServiceAccountKeyBase64("http://127.0.0.1:1/token")));

        var error = Assert.ThrowsAsync<RegistryRequestFailedException>(() => service.GetAccessTokenAsync(key));

        Assert.That(error!.StatusCode, Is.Null);
    }

    [TestCase("not base64!")]
    [TestCase("eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0=")]
    [TestCase("bm90IGpzb24=")]
    public void Parse_NotAServiceAccountKey_ThrowsConfigurationNamingTheField(string base64)
    {
        var error = Assert.Throws<RegistryConfigurationException>(() => GcpServiceAccountKey.Parse(new Secret(base64)));

        Assert.That(error!.Problems.Single().Field, Is.EqualTo("GcpArtifactRegistry:ServiceAccountKey"));
    }
}

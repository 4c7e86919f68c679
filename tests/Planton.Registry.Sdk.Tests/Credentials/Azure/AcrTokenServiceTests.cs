using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Azure;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.Tests.Credentials.Azure;

public sealed class AcrTokenServiceTests
{
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "66666666-7777-8888-9999-000000000000";
    private const string ClientSecret = "planton~client~secret~value";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task GetRefreshTokenAsync_ServicePrincipalAccepted_ExchangesEntraTokenForRefreshToken()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var azure = new FakeAzureServer(clock, TestCertificates.Loopback, TenantId, ClientId, ClientSecret);
        var service = Service(clock);

        var refresh = await service.GetRefreshTokenAsync(Options(azure, ClientSecret), azure.BaseUri, azure.Service);

        Assert.Multiple(() =>
        {
            Assert.That(refresh.Token.Reveal(), Is.EqualTo(azure.RefreshToken));
            Assert.That(refresh.ExpiresOn, Is.EqualTo(s_start.AddHours(3)));
            Assert.That(azure.Calls("entra"), Is.EqualTo(1));
            Assert.That(azure.Calls("exchange"), Is.EqualTo(1));
            Assert.That(azure.Refusals, Is.Empty);
        });
    }

    [Test]
    public async Task GetAccessTokenAsync_RefreshTokenFromExchange_GetsScopedAccessToken()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var azure = new FakeAzureServer(clock, TestCertificates.Loopback, TenantId, ClientId, ClientSecret);
        var service = Service(clock);
        var refresh = await service.GetRefreshTokenAsync(Options(azure, ClientSecret), azure.BaseUri, azure.Service);

        var access = await service.GetAccessTokenAsync(
            azure.BaseUri, azure.Service, refresh.Token, "repository:team/api:pull,push");

        Assert.Multiple(() =>
        {
            Assert.That(access.Token.Reveal(), Is.EqualTo(azure.AccessToken));
            Assert.That(access.ExpiresOn, Is.EqualTo(s_start.AddMinutes(5)));
            Assert.That(azure.Calls("token"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task GetRefreshTokenAsync_WrongClientSecret_RefusedByEntraWithoutTheSecretInTheMessage()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var azure = new FakeAzureServer(clock, TestCertificates.Loopback, TenantId, ClientId, ClientSecret);
        const string wrong = "wrong~client~secret~value";

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(() =>
            Service(clock).GetRefreshTokenAsync(Options(azure, wrong), azure.BaseUri, azure.Service));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("Entra ID").And.Contain(ClientId).And.Contain("AADSTS7000215"));
            Assert.That(error.Message, Does.Not.Contain(wrong).And.Not.Contain(ClientSecret));
            Assert.That(azure.Calls("exchange"), Is.Zero);
        });
    }

    [Test]
    public async Task GetRefreshTokenAsync_RegistryRefusesTheExchange_ThrowsAuthentication()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var azure = new FakeAzureServer(clock, TestCertificates.Loopback, TenantId, ClientId, ClientSecret);

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(() =>
            Service(clock).GetRefreshTokenAsync(Options(azure, ClientSecret), azure.BaseUri, "other.azurecr.io"));

        Assert.That(error!.Message, Does.Contain("/oauth2/exchange").And.Contain("UNAUTHORIZED"));
    }

    [TestCase("a.eyJleHAiOjE3NzI0NTkyMDB9.c", 1772459200L)]
    [TestCase("a.eyJleHAiOiJzb29uIn0.c", null)]
    [TestCase("not-a-jwt", null)]
    [TestCase("a.!!!.c", null)]
    [TestCase("a.eyJzdWIiOiJ4In0.c", null)]
    public void JwtExpiry_Tokens_ReadExpWhenPresent(string token, long? expected)
    {
        var expiry = JwtExpiry.Read(new Secret(token));

        Assert.That(expiry?.ToUnixTimeSeconds(), Is.EqualTo(expected));
    }

    private static AcrTokenService Service(TimeProvider clock) => new(
        new TestHttpClientFactory(TestCertificates.TrustingHandler()), clock, NullLogger<AcrTokenService>.Instance);

    internal static AzureContainerRegistryOptions Options(FakeAzureServer azure, string secret) => new()
    {
        LoginServer = azure.Authority,
        TenantId = TenantId,
        ClientId = ClientId,
        ClientSecret = new Secret(secret),
        AuthorityHost = azure.BaseUri.AbsoluteUri,
    };
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Credentials.Azure;
using Planton.Registry.Sdk.Credentials.Gcp;

namespace Planton.Registry.Sdk.Tests.Credentials;

public sealed class CloudCredentialSourcesTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly RegistryScope s_scope = new("registry.example", "team/api", RegistryAccess.PullPush);

    private Mock<IGcpTokenService> _gcp = null!;
    private Mock<IEcrApi> _ecr = null!;
    private Mock<IAcrTokenService> _acr = null!;
    private FakeTimeProvider _clock = null!;
    private CloudCredentialSources _sources = null!;

    [SetUp]
    public void SetUp()
    {
        _gcp = new Mock<IGcpTokenService>(MockBehavior.Strict);
        _ecr = new Mock<IEcrApi>(MockBehavior.Strict);
        _acr = new Mock<IAcrTokenService>(MockBehavior.Strict);
        _clock = new FakeTimeProvider(s_start);
        _sources = new CloudCredentialSources(
            _gcp.Object,
            _ecr.Object,
            _acr.Object,
            new RegistryCredentialCache(_clock, NullLogger<RegistryCredentialCache>.Instance));
    }

    [Test]
    public async Task ForGcp_AccessTokenMode_OAuth2AccessTokenUserWithTheTokenCachedUntilRefresh()
    {
        _gcp.Setup(g => g.GetAccessTokenAsync(It.IsAny<GcpServiceAccountKey>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new GcpAccessToken(new Secret("ya29.token"), _clock.GetUtcNow().AddHours(1)));
        var source = _sources.ForGcp(Gcp());

        var credential = await source.GetCredentialAsync(s_scope);
        await source.GetCredentialAsync(s_scope with { Repository = "other" });

        Assert.Multiple(() =>
        {
            Assert.That(credential!.Username, Is.EqualTo("oauth2accesstoken"));
            Assert.That(credential.Password.Reveal(), Is.EqualTo("ya29.token"));
            Assert.That(credential.ExpiresOn, Is.EqualTo(s_start.AddHours(1)));
            Assert.That(credential.IsIdentityToken, Is.False);
            Assert.That(((IKnownUsernameSource)source).KnownUsername, Is.EqualTo("oauth2accesstoken"));
        });
        _gcp.Verify(
            g => g.GetAccessTokenAsync(
                It.Is<GcpServiceAccountKey>(k => k.ClientEmail == "pusher@planton-test.iam.gserviceaccount.com"),
                It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [TestCase(null, "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/")]
    [TestCase("http://127.0.0.1:5001", null)]
    public async Task ForEcr_AuthorizationData_AwsUserAndProxyEndpointUnlessRegistryUrlIsSet(
        string? registryUrl, string? expectedEndpoint)
    {
        _ecr.Setup(e => e.GetAuthorizationTokenAsync(It.IsAny<AwsEcrOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EcrAuthorizationData(
                "AWS",
                new Secret("ecr-pass"),
                s_start.AddHours(12),
                new Uri("https://123456789012.dkr.ecr.us-east-1.amazonaws.com/")));
        var source = (ExchangingCredentialSource)_sources.ForEcr(Ecr(registryUrl));

        var exchanged = await source.GetExchangedAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exchanged.Credential.Username, Is.EqualTo("AWS"));
            Assert.That(exchanged.Credential.Password.Reveal(), Is.EqualTo("ecr-pass"));
            Assert.That(exchanged.Credential.ExpiresOn, Is.EqualTo(s_start.AddHours(12)));
            Assert.That(exchanged.Endpoint?.AbsoluteUri, Is.EqualTo(expectedEndpoint));
        });
    }

    [Test]
    public async Task ForAcrServicePrincipal_RefreshToken_NullGuidIdentityTokenExchangedAtTheLoginServer()
    {
        _acr.Setup(a => a.GetRefreshTokenAsync(
                It.IsAny<AzureContainerRegistryOptions>(),
                It.IsAny<Uri>(),
                It.IsAny<string>(),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AcrToken(new Secret("acr-refresh"), s_start.AddHours(3)));
        var source = _sources.ForAcrServicePrincipal(Acr());

        var credential = await source.GetCredentialAsync(s_scope);

        Assert.Multiple(() =>
        {
            Assert.That(credential!.Username, Is.EqualTo("00000000-0000-0000-0000-000000000000"));
            Assert.That(credential.Password.Reveal(), Is.EqualTo("acr-refresh"));
            Assert.That(credential.IsIdentityToken, Is.True);
            Assert.That(credential.ExpiresOn, Is.EqualTo(s_start.AddHours(3)));
        });
        _acr.Verify(a => a.GetRefreshTokenAsync(
            It.IsAny<AzureContainerRegistryOptions>(),
            new Uri("https://myregistry.azurecr.io/"),
            "myregistry.azurecr.io",
            It.IsAny<CancellationToken>()));
    }

    [Test]
    public void ForEcr_TwoConnectionsSameKeyIdDifferentSecrets_DoNotShareACredential()
    {
        var one = (ExchangingCredentialSource)_sources.ForEcr(Ecr(null));
        var other = Ecr(null);
        other.AwsEcr!.SecretAccessKey = new Secret("another-secret-access-key-000000000000");

        Assert.That(((ExchangingCredentialSource)_sources.ForEcr(other)).Key, Is.Not.EqualTo(one.Key));
    }

    internal static RegistryConnectionOptions Gcp() => new()
    {
        Name = "gcp",
        Provider = RegistryProviderKind.GcpArtifactRegistry,
        GcpArtifactRegistry = new GcpArtifactRegistryOptions
        {
            ProjectId = "planton-test",
            Region = "us-central1",
            RepositoryName = "images",
            ServiceAccountKey = new Secret(TestKeys.ServiceAccountKeyBase64()),
        },
    };

    internal static RegistryConnectionOptions Ecr(string? registryUrl) => new()
    {
        Name = "ecr",
        Provider = RegistryProviderKind.AwsEcr,
        AwsEcr = new AwsEcrOptions
        {
            AccountId = "123456789012",
            Region = "us-east-1",
            AccessKeyId = "AKIAPLANTONTEST00001",
            SecretAccessKey = new Secret("planton/secret+access/key/0000000000000"),
            RegistryUrl = registryUrl,
        },
    };

    internal static RegistryConnectionOptions Acr() => new()
    {
        Name = "acr",
        Provider = RegistryProviderKind.AzureContainerRegistry,
        AzureContainerRegistry = new AzureContainerRegistryOptions
        {
            RegistryName = "myregistry",
            TenantId = "11111111-2222-3333-4444-555555555555",
            ClientId = "66666666-7777-8888-9999-000000000000",
            ClientSecret = new Secret("planton~client~secret~value"),
        },
    };
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class OciRegistryClientAuthTests
{
    private const string Repository = "team/app";
    private const string User = "alice";
    private const string Password = "pa55-w0rd-secret";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create(FakeRegistry.RegistryBase);

    private string _work = null!;

    [SetUp]
    public void SetUp() =>
        _work = Path.Combine(Path.GetTempPath(), "planton-auth-test-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public async Task PullAsync_BasicRegistry_GoesAnonymousFirstThenSendsBasic()
    {
        var registry = new FakeRegistry { BasicUser = User, BasicPassword = Password };
        TestImage.Create(100).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        await client.PullAsync(s_endpoint, Credentials(), Repository, "v1", _work);

        var requests = registry.Requests;
        Assert.That(requests[0].Authorization, Is.Null);
        Assert.That(requests.Skip(1), Has.All.Matches<RecordedRequest>(r => r.Authorization!.StartsWith("Basic ")));
        Assert.That(requests.Count(r => r.Authorization is null), Is.EqualTo(1));
    }

    [Test]
    public void PullAsync_WrongBasicPassword_ThrowsNamingHostNotSecret()
    {
        var registry = new FakeRegistry { BasicUser = User, BasicPassword = "the-real-one" };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.PullAsync(s_endpoint, Credentials(), Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("registry.test"));
        Assert.That(exception.Message, Does.Contain(User));
        Assert.That(exception.Message, Does.Not.Contain(Password));
        Assert.That(registry.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void PullAsync_NoCredentialsForBasicRegistry_ThrowsAuthentication()
    {
        var registry = new FakeRegistry { BasicUser = User, BasicPassword = Password };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.PullAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("requires credentials"));
    }

    [Test]
    public void PullAsync_Forbidden_ThrowsAuthentication()
    {
        var registry = new FakeRegistry { Deny = true };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.PullAsync(s_endpoint, Credentials(), Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("DENIED"));
        Assert.That(exception.Message, Does.Contain("registry.test"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task PullAsync_BlobRedirectedToOtherHost_DropsAuthorization(bool bearer)
    {
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = Password,
            TokenRealm = bearer ? new Uri("https://registry.test/token") : null,
            RedirectBlobsTo = new Uri(FakeRegistry.StorageBase),
        };
        var image = TestImage.Create(1000, 2000);
        image.SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var result = await client.PullAsync(s_endpoint, Credentials(), Repository, "v1", _work);

        var storage = registry.Requests.Where(r => r.Uri.Host == "storage.test").ToList();
        Assert.That(storage, Has.Count.EqualTo(3));
        Assert.That(storage.Select(r => r.Authorization), Is.All.Null);
        Assert.That(storage.Select(r => r.Uri.Query), Is.All.EqualTo("?sig=presigned-secret"));
        var blobGets = registry.Requests
            .Where(r => r.Uri.Host == "registry.test" && r.Uri.AbsolutePath.Contains("/blobs/"));
        Assert.That(blobGets.Select(r => r.Authorization), Is.All.Not.Null);
        Assert.That(result.BlobsDownloaded, Is.EqualTo(3));
    }

    [Test]
    public void PullAsync_RedirectFromHttpsToHttp_IsRefused()
    {
        var registry = new FakeRegistry { RedirectBlobsTo = new Uri("http://storage.test") };
        TestImage.Create(10).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, Credentials(), Repository, "v1", _work));

        Assert.That(exception!.Message, Does.Contain("https to plain http"));
        Assert.That(exception.Message, Does.Not.Contain("presigned-secret"));
        Assert.That(registry.Requests.Where(r => r.Uri.Scheme == "http"), Is.Empty);
    }

    [Test]
    public void ManifestExistsAsync_RealmOnOtherHost_IsRefusedWithoutContactingIt()
    {
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = Password,
            TokenRealm = new Uri("https://evil.test/token"),
        };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1"));

        Assert.That(exception!.Message, Does.Contain("evil.test"));
        Assert.That(exception.Message, Does.Contain("TrustedRealmHosts"));
        Assert.That(registry.Requests.Where(r => r.Uri.Host == "evil.test"), Is.Empty);
        Assert.That(registry.TokenFetches, Is.Zero);
    }

    [Test]
    public async Task ManifestExistsAsync_RealmOnTrustedHost_FetchesToken()
    {
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = Password,
            TokenRealm = new Uri("https://auth.test/token"),
        };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var options = new OciRegistryClientOptions();
        options.TrustedRealmHosts.Add("AUTH.test");
        var client = OciRegistryClient.Create(new HttpClient(registry), options: options);

        var exists = await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1");

        Assert.That(exists, Is.True);
        Assert.That(registry.TokenFetches, Is.EqualTo(1));
    }

    [TestCase("http://registry.test/token", false)]
    [TestCase("http://registry.test:8080/token", false)]
    [TestCase("https://registry.test:8443/token", true)]
    [TestCase("ftp://registry.test/token", false)]
    public async Task ManifestExistsAsync_RealmScheme_OnlyHttpsForNonLoopback(string realm, bool accepted)
    {
        var registry = new FakeRegistry { TokenRealm = new Uri(realm) };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));

        if (accepted)
        {
            Assert.That(await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1"), Is.True);
        }
        else
        {
            Assert.ThrowsAsync<RegistryAuthenticationException>(
                () => client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1"));
            Assert.That(registry.TokenFetches, Is.Zero);
        }
    }

    [Test]
    public async Task ManifestExistsAsync_ManyRequests_FetchOneTokenPerScopeUntilExpiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = Password,
            TokenRealm = new Uri("https://registry.test/token"),
            TokenExpiresInSeconds = 300,
        };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        TestImage.Create(1).SeedInto(registry, "team/other", "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), time);

        for (var i = 0; i < 5; i++)
        {
            Assert.That(await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1"), Is.True);
        }

        var afterMany = registry.TokenFetches;
        await client.ManifestExistsAsync(s_endpoint, Credentials(), "team/other", "v1");
        var afterOtherScope = registry.TokenFetches;
        time.Advance(TimeSpan.FromSeconds(250));
        await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1");
        var beforeExpiry = registry.TokenFetches;
        time.Advance(TimeSpan.FromSeconds(30));
        await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1");
        var afterExpiry = registry.TokenFetches;

        Assert.That(afterMany, Is.EqualTo(1));
        Assert.That(afterOtherScope, Is.EqualTo(2));
        Assert.That(beforeExpiry, Is.EqualTo(2));
        Assert.That(afterExpiry, Is.EqualTo(3));
        Assert.That(registry.TokenScopes, Is.EqualTo(new[]
        {
            "repository:team/app:pull", "repository:team/other:pull", "repository:team/app:pull",
        }));
    }

    [Test]
    public async Task ManifestExistsAsync_TokenWithoutExpiresIn_LastsSixtySeconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new FakeRegistry
        {
            TokenRealm = new Uri("https://registry.test/token"),
            TokenExpiresInSeconds = 0,
        };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), time);

        await client.ManifestExistsAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1");
        time.Advance(TimeSpan.FromSeconds(40));
        await client.ManifestExistsAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1");
        var within = registry.TokenFetches;
        time.Advance(TimeSpan.FromSeconds(10));
        await client.ManifestExistsAsync(s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1");

        Assert.That(within, Is.EqualTo(1));
        Assert.That(registry.TokenFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task ManifestExistsAsync_DifferentSecrets_DoNotShareTokens()
    {
        var registry = new FakeRegistry { TokenRealm = new Uri("https://registry.test/token") };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));
        var other = new StaticCredentialSource(new RegistryCredential(User, new Secret("another-secret")));

        await client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1");
        await client.ManifestExistsAsync(s_endpoint, other, Repository, "v1");

        Assert.That(registry.TokenFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task ManifestExistsAsync_IdentityToken_UsesRefreshTokenGrant()
    {
        var registry = new FakeRegistry
        {
            TokenRealm = new Uri("https://registry.test/oauth2/token"),
            RefreshToken = "refresh-xyz",
        };
        TestImage.Create(1).SeedInto(registry, Repository, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry));
        var identity = new StaticCredentialSource(
            new RegistryCredential(
                "00000000-0000-0000-0000-000000000000", new Secret("refresh-xyz"), isIdentityToken: true));

        var exists = await client.ManifestExistsAsync(s_endpoint, identity, Repository, "v1");

        Assert.That(exists, Is.True);
        var tokenRequest = registry.Requests.Single(r => r.Uri.AbsolutePath == "/oauth2/token");
        Assert.That(tokenRequest.Method, Is.EqualTo("POST"));
        Assert.That(tokenRequest.Authorization, Is.Null);
        Assert.That(tokenRequest.Uri.Query, Does.Not.Contain("refresh-xyz"));
    }

    [Test]
    public void ManifestExistsAsync_TokenServiceRefuses_ThrowsAuthenticationNamingHost()
    {
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = "not-this-one",
            TokenRealm = new Uri("https://registry.test/token"),
        };
        var client = OciRegistryClient.Create(new HttpClient(registry));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.ManifestExistsAsync(s_endpoint, Credentials(), Repository, "v1"));

        Assert.That(exception!.Message, Does.Contain("registry.test"));
        Assert.That(exception.Message, Does.Contain(User));
        Assert.That(exception.Message, Does.Not.Contain(Password));
    }

    [Test]
    public async Task PushAndPull_WithTokensAndRedirects_LogNoSecret()
    {
        var logger = new CapturingLogger<OciRegistryClient>();
        var registry = new FakeRegistry
        {
            BasicUser = User,
            BasicPassword = Password,
            TokenRealm = new Uri("https://registry.test/token"),
            RedirectBlobsTo = new Uri(FakeRegistry.StorageBase),
        };
        var image = TestImage.Create(500, 700);
        var layoutDirectory = Path.Combine(_work, "layout");
        image.WriteLayout(layoutDirectory, "v1");
        var client = OciRegistryClient.Create(new HttpClient(registry), logger: logger);

        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        await client.PushAsync(s_endpoint, Credentials(), Repository, layout, "v1");
        await client.PullAsync(s_endpoint, Credentials(), Repository, "v1", Path.Combine(_work, "pulled"));
        Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.PullAsync(s_endpoint, Credentials(), Repository, "missing", Path.Combine(_work, "pulled")));

        var tokens = registry.Requests.Select(r => r.Authorization).OfType<string>()
            .Where(a => a.StartsWith("Bearer ", StringComparison.Ordinal))
            .Select(a => a["Bearer ".Length..])
            .Distinct()
            .ToList();
        Assert.That(tokens, Is.Not.Empty);
        var texts = logger.Entries.Select(e => e.Text).ToList();
        Assert.That(texts, Is.Not.Empty);
        Assert.That(texts, Has.None.Contains(Password));
        Assert.That(texts, Has.None.Contains("presigned-secret"));
        Assert.That(texts, Has.None.Contains("_state="));
        Assert.That(texts, Has.None.Contains("Basic "));
        foreach (var token in tokens)
        {
            Assert.That(texts, Has.None.Contains(token));
        }

        Assert.That(logger.Entries.Select(e => e.Id.Id), Has.All.InRange(1000, 2999));
        Assert.That(logger.Entries.Select(e => e.Id.Name), Has.All.Not.Null);
        Assert.That(logger.Entries.Any(e => e.Id.Name == "PushCompleted" && e.Level == LogLevel.Information), Is.True);
    }

    private static StaticCredentialSource Credentials() => new(new RegistryCredential(User, new Secret(Password)));
}

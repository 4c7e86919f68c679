using Amazon.Runtime;
using Planton.Registry.Sdk.Bundles;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class R2SettingsTests
{
    private const string SecretValue = "f00dbabe-secret-value-9c1e";

    [Test]
    public void Resolve_NoEndpoint_BuildsTheAccountEndpoint()
    {
        var settings = R2Settings.Resolve(Connection());

        Assert.That(
            settings.Endpoint.AbsoluteUri,
            Is.EqualTo("https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/"));
        Assert.That(settings.Bucket, Is.EqualTo("workers"));
        Assert.That(settings.AccessKeyId, Is.EqualTo("key-id"));
        Assert.That(settings.ToString(), Does.Not.Contain(SecretValue));
    }

    [Test]
    public void Resolve_SurroundingSpaces_AreTrimmed()
    {
        var connection = Connection(accountId: " 0123456789abcdef0123456789abcdef ", accessKeyId: " key-id ");

        var settings = R2Settings.Resolve(connection);

        Assert.That(settings.Endpoint.Host, Is.EqualTo("0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"));
        Assert.That(settings.AccessKeyId, Is.EqualTo("key-id"));
    }

    [TestCase("https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com")]
    [TestCase("https://0123456789abcdef0123456789abcdef.fedramp.r2.cloudflarestorage.com/")]
    [TestCase("http://127.0.0.1:4569")]
    [TestCase("http://localhost:4569")]
    [TestCase("http://[::1]:4569")]
    public void Resolve_UsableEndpoint_IsTaken(string endpoint)
    {
        var settings = R2Settings.Resolve(Connection(endpoint: endpoint));

        Assert.That(settings.Endpoint, Is.EqualTo(new Uri(endpoint)));
    }

    [Test]
    public void Resolve_HttpToRemoteHostWithAllowInsecureHttp_IsTaken()
    {
        var connection = Connection(endpoint: "http://r2.internal.example:9000");
        connection.AllowInsecureHttp = true;

        Assert.That(R2Settings.Resolve(connection).Endpoint.Port, Is.EqualTo(9000));
    }

    private static IEnumerable<TestCaseData> Problems()
    {
        yield return new TestCaseData(Connection(endpoint: "http://r2.example.com"), "CloudflareR2:Endpoint",
            "plain http is accepted for loopback addresses only; use https for r2.example.com, or set "
            + "AllowInsecureHttp on the connection.")
            .SetArgDisplayNames("http-remote");
        yield return new TestCaseData(Connection(endpoint: "ftp://r2.example.com"), "CloudflareR2:Endpoint",
            "'ftp://r2.example.com' is not an http or https URL such as https://ACCOUNT.r2.cloudflarestorage.com.")
            .SetArgDisplayNames("ftp");
        yield return new TestCaseData(Connection(endpoint: "https://r2.example.com/workers"), "CloudflareR2:Endpoint",
            "must be scheme, host and port only (no path, query or user info); the bucket is a field of its own.")
            .SetArgDisplayNames("path");
        yield return new TestCaseData(Connection(accountId: null), "CloudflareR2:AccountId",
            "is required unless CloudflareR2:Endpoint is set.").SetArgDisplayNames("no-account");
        yield return new TestCaseData(Connection(accountId: "evil.example.com/x"), "CloudflareR2:AccountId",
            "must be the account id, 32 hexadecimal characters.").SetArgDisplayNames("bad-account");
        yield return new TestCaseData(Connection(bucket: null), "CloudflareR2:Bucket", "is required.")
            .SetArgDisplayNames("no-bucket");
        yield return new TestCaseData(Connection(bucket: "Workers_1"), "CloudflareR2:Bucket",
            "'Workers_1' is not a bucket name: use 3 to 63 lowercase letters, digits and '-', "
            + "not starting or ending with '-'.")
            .SetArgDisplayNames("bad-bucket");
        yield return new TestCaseData(Connection(accessKeyId: " "), "CloudflareR2:AccessKeyId", "is required.")
            .SetArgDisplayNames("no-key-id");
        yield return new TestCaseData(Connection(secret: string.Empty), "CloudflareR2:SecretAccessKey", "is required.")
            .SetArgDisplayNames("no-secret");
    }

    [TestCaseSource(nameof(Problems))]
    public void Resolve_UnusableField_ThrowsNamingIt(RegistryConnectionOptions connection, string field, string message)
    {
        var exception = Assert.Throws<RegistryConfigurationException>(() => R2Settings.Resolve(connection));

        Assert.That(exception!.ConnectionName, Is.EqualTo("bundles"));
        Assert.That(exception.Problems, Is.EqualTo(new[] { new ConfigurationProblem(field, message) }));
        Assert.That(exception.ToString(), Does.Not.Contain(SecretValue));
    }

    [Test]
    public void Resolve_OtherProvider_Throws()
    {
        var connection = Connection();
        connection.Provider = RegistryProviderKind.AwsEcr;

        var exception = Assert.Throws<RegistryConfigurationException>(() => R2Settings.Resolve(connection));

        Assert.That(exception!.Problems.Single().Field, Is.EqualTo("Provider"));
    }

    [Test]
    public void Resolve_NoCloudflareR2Section_Throws()
    {
        var connection = new RegistryConnectionOptions
        {
            Name = "bundles",
            Provider = RegistryProviderKind.CloudflareR2,
        };

        var exception = Assert.Throws<RegistryConfigurationException>(() => R2Settings.Resolve(connection));

        Assert.That(exception!.Problems.Single(), Is.EqualTo(new ConfigurationProblem("CloudflareR2", "is missing.")));
    }

    [Test]
    public void ToS3Config_Always_UsesTheSettingsR2Accepts()
    {
        var config = R2Settings.Resolve(Connection(endpoint: "http://127.0.0.1:4569")).ToS3Config(null);

        Assert.That(config.ServiceURL, Is.EqualTo("http://127.0.0.1:4569/"));
        Assert.That(config.ForcePathStyle, Is.True);
        Assert.That(config.AuthenticationRegion, Is.EqualTo("auto"));
        Assert.That(config.RequestChecksumCalculation, Is.EqualTo(RequestChecksumCalculation.WHEN_REQUIRED));
        Assert.That(config.ResponseChecksumValidation, Is.EqualTo(ResponseChecksumValidation.WHEN_REQUIRED));
        Assert.That(config.HttpClientFactory, Is.Null);
    }

    [Test]
    public void ToS3Config_WithHttpClientFactory_AsksForTheNamedClient()
    {
        var factory = new Moq.Mock<IHttpClientFactory>(Moq.MockBehavior.Strict);
        using var http = new HttpClient();
        factory.Setup(f => f.CreateClient("Planton.Registry.R2")).Returns(http);

        var config = R2Settings.Resolve(Connection()).ToS3Config(factory.Object);

        Assert.That(config.HttpClientFactory!.CreateHttpClient(config), Is.SameAs(http));
        Assert.That(config.HttpClientFactory.UseSDKHttpClientCaching(config), Is.False);
    }

    [Test]
    public void Create_ValidConnection_ReturnsAStoreWithoutSendingAnything()
    {
        using var store = WorkerBundleStore.Create(Connection(endpoint: "http://127.0.0.1:9"));

        Assert.That(store, Is.Not.Null);
    }

    [Test]
    public void Create_InvalidConnection_ThrowsConfiguration()
    {
        Assert.That(
            () => WorkerBundleStore.Create(Connection(endpoint: "http://r2.example.com")),
            Throws.TypeOf<RegistryConfigurationException>());
    }

    private static RegistryConnectionOptions Connection(
        string? endpoint = null,
        string? accountId = "0123456789abcdef0123456789abcdef",
        string? bucket = "workers",
        string? accessKeyId = "key-id",
        string secret = SecretValue) => new()
    {
        Name = "bundles",
        Provider = RegistryProviderKind.CloudflareR2,
        CloudflareR2 = new CloudflareR2Options
        {
            AccountId = accountId,
            AccessKeyId = accessKeyId,
            SecretAccessKey = new Secret(secret),
            Bucket = bucket,
            Endpoint = endpoint,
        },
    };
}

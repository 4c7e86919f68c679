using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.Tests.Credentials.Aws;

public sealed class EcrApiClientTests
{
    private const string AccessKeyId = "AKIAPLANTONTEST00001";
    private const string SecretAccessKey = "planton/secret+access/key/0000000000000";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task GetAuthorizationTokenAsync_SignatureVerified_DecodesUserPasswordExpiryAndProxyEndpoint()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var ecr = new FakeEcrApiServer(clock);
        ecr.AddKey(AccessKeyId, SecretAccessKey);
        var client = new EcrApiClient(new TestHttpClientFactory(), clock, NullLogger<EcrApiClient>.Instance);

        var data = await client.GetAuthorizationTokenAsync(Options(ecr, SecretAccessKey));

        Assert.Multiple(() =>
        {
            Assert.That(data.Username, Is.EqualTo("AWS"));
            Assert.That(data.Password.Reveal(), Is.EqualTo(ecr.Password));
            Assert.That(data.ExpiresOn, Is.EqualTo(s_start.AddHours(12)));
            Assert.That(
                data.ProxyEndpoint, Is.EqualTo(new Uri("https://123456789012.dkr.ecr.us-east-1.amazonaws.com")));
            Assert.That(ecr.Refusals, Is.Empty);
            Assert.That(data.ToString(), Does.Not.Contain(ecr.Password));
        });
    }

    [Test]
    public async Task GetAuthorizationTokenAsync_WrongSecret_RefusedWithInvalidSignatureAndNoSecretInMessage()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var ecr = new FakeEcrApiServer(clock);
        ecr.AddKey(AccessKeyId, SecretAccessKey);
        var client = new EcrApiClient(new TestHttpClientFactory(), clock, NullLogger<EcrApiClient>.Instance);
        const string wrong = "wrong/secret+access/key/000000000000000";

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.GetAuthorizationTokenAsync(Options(ecr, wrong)));

        Assert.Multiple(() =>
        {
            Assert.That(ecr.Refusals, Has.Member("InvalidSignatureException"));
            Assert.That(error!.Message, Does.Contain("InvalidSignatureException").And.Contain("123456789012"));
            Assert.That(error.Message, Does.Not.Contain(wrong).And.Not.Contain(SecretAccessKey));
        });
    }

    [Test]
    public async Task GetAuthorizationTokenAsync_UnknownAccessKey_RefusedAsUnrecognizedClient()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var ecr = new FakeEcrApiServer(clock);
        var client = new EcrApiClient(new TestHttpClientFactory(), clock, NullLogger<EcrApiClient>.Instance);

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.GetAuthorizationTokenAsync(Options(ecr, SecretAccessKey)));

        Assert.That(error!.Message, Does.Contain("UnrecognizedClientException"));
    }

    [Test]
    public async Task GetAuthorizationTokenAsync_ClockTwentyMinutesAhead_RefusedAsExpiredSignature()
    {
        var serverClock = new FakeTimeProvider(s_start);
        await using var ecr = new FakeEcrApiServer(serverClock);
        ecr.AddKey(AccessKeyId, SecretAccessKey);
        var client = new EcrApiClient(
            new TestHttpClientFactory(),
            new FakeTimeProvider(s_start.AddMinutes(20)),
            NullLogger<EcrApiClient>.Instance);

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => client.GetAuthorizationTokenAsync(Options(ecr, SecretAccessKey)));

        Assert.That(error!.Message, Does.Contain("Signature expired"));
    }

    [Test]
    public async Task DescribeAndCreate_MissingThenCreated_FollowEcrAnswers()
    {
        var clock = new FakeTimeProvider(s_start);
        await using var ecr = new FakeEcrApiServer(clock);
        ecr.AddKey(AccessKeyId, SecretAccessKey);
        var client = new EcrApiClient(new TestHttpClientFactory(), clock, NullLogger<EcrApiClient>.Instance);
        var options = Options(ecr, SecretAccessKey);

        var before = await client.DescribeRepositoryAsync(options, "team/api");
        var created = await client.CreateRepositoryAsync(options, "team/api");
        var after = await client.DescribeRepositoryAsync(options, "team/api");
        var again = Assert.ThrowsAsync<RegistryRequestFailedException>(
            () => client.CreateRepositoryAsync(options, "team/api"));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Null);
            Assert.That(created.Name, Is.EqualTo("team/api"));
            Assert.That(created.Uri, Is.EqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api"));
            Assert.That(after, Is.EqualTo(created));
            Assert.That(again!.Errors[0].Code, Is.EqualTo("RepositoryAlreadyExistsException"));
        });
    }

    [TestCase(
        "{\"__type\":\"com.amazonaws.ecr#RepositoryNotFoundException\",\"message\":\"m\"}",
        null,
        "RepositoryNotFoundException",
        "m")]
    [TestCase("{\"__type\":\"AccessDeniedException\",\"Message\":\"no\"}", null, "AccessDeniedException", "no")]
    [TestCase("{}", "ThrottlingException:http://internal.amazon.com/coral/", "ThrottlingException", "")]
    [TestCase("not json", null, "400", "not json")]
    public void ReadError_EcrErrorShapes_FindCodeAndMessage(string body, string? header, string code, string message)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", header);
        }

        var (readCode, readMessage) = EcrApiClient.ReadError(response, System.Text.Encoding.UTF8.GetBytes(body));

        Assert.That((readCode, readMessage), Is.EqualTo((code, message)));
    }

    internal static AwsEcrOptions Options(FakeEcrApiServer ecr, string secret) => new()
    {
        AccountId = ecr.AccountId,
        Region = ecr.Region,
        AccessKeyId = AccessKeyId,
        SecretAccessKey = new Secret(secret),
        Endpoint = ecr.Endpoint.AbsoluteUri,
    };
}

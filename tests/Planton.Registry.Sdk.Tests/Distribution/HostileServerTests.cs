using System.Net;
using System.Text;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;
using Planton.Registry.Sdk.Tests.Resilience;

namespace Planton.Registry.Sdk.Tests.Distribution;

/// <summary>
/// Servers that try to exhaust the client with endless bodies, or to collect credentials through realms on
/// private or link-local addresses. Everything here is answered in memory; no packet leaves the process.
/// </summary>
public sealed class HostileServerTests
{
    private const string Repository = "team/app";
    private const string Password = "hostile-test-password-77";

    private static readonly RegistryEndpoint s_endpoint = RegistryEndpoint.Create("https://registry.test");

    [Test]
    public void ResolveDigestAsync_EndlessManifest_StopsAtTheManifestLimit()
    {
        var body = new EndlessStream("{\"schemaVersion\":2,\"x\":\"");
        var stub = new StubHandler((request, _) => request.Method == HttpMethod.Head
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : Endless(HttpStatusCode.OK, body, "application/vnd.oci.image.manifest.v1+json"));
        var client = OciRegistryClient.Create(new HttpClient(stub));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.ResolveDigestAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1"));

        Assert.That(exception!.Message, Does.Contain("too large"));
        Assert.That(body.Served, Is.LessThanOrEqualTo(8 * 1024 * 1024 + 64 * 1024));
    }

    [Test]
    public void ManifestExistsAsync_EndlessTokenReply_StopsAtTheTokenLimit()
    {
        var body = new EndlessStream("{\"token\":\"");
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath == "/token"
            ? Endless(HttpStatusCode.OK, body, "application/json")
            : Challenge());
        var client = OciRegistryClient.Create(new HttpClient(stub));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.ManifestExistsAsync(
            s_endpoint, Credentials(), Repository, "v1"));

        Assert.That(exception!.Message, Does.Contain("oversized"));
        Assert.That(exception.Message, Does.Not.Contain(Password));
        Assert.That(body.Served, Is.LessThanOrEqualTo(1024 * 1024 + 64 * 1024));
    }

    [Test]
    public void PullAsync_EndlessErrorBody_ReadsOnlyTheErrorLimit()
    {
        var body = new EndlessStream("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"");
        var stub = new StubHandler((_, _) => Endless(HttpStatusCode.InternalServerError, body, "application/json"));
        var client = OciRegistryClient.Create(new HttpClient(stub));
        var layout = Path.Combine(Path.GetTempPath(), "planton-hostile-" + Guid.NewGuid().ToString("N"));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(() => client.PullAsync(
            s_endpoint, StaticCredentialSource.Anonymous, Repository, "v1", layout));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(exception.Message.Length, Is.LessThan(2000));
        Assert.That(body.Served, Is.LessThanOrEqualTo(64 * 1024 + 64 * 1024));
        Assert.That(Directory.Exists(layout), Is.False);
    }

    [TestCase("https://10.0.0.1/token")]
    [TestCase("https://192.168.1.20/token")]
    [TestCase("https://172.16.0.5/token")]
    [TestCase("https://169.254.169.254/latest/meta-data")]
    [TestCase("https://[fe80::1]/token")]
    [TestCase("https://[fd00::1]/token")]
    [TestCase("http://127.0.0.1:5004/token")]
    [TestCase("https://localhost/token")]
    [TestCase("https://registry.test.evil.example/token")]
    [TestCase("https://user:pass@registry.test/token")]
    public void ManifestExistsAsync_RealmOnPrivateOrForeignAddress_IsRefusedBeforeAnyCredentialLeaves(string realm)
    {
        var stub = new StubHandler((_, _) => Challenge(realm));
        var client = OciRegistryClient.Create(new HttpClient(stub));

        var exception = Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.ManifestExistsAsync(
            s_endpoint, Credentials(), Repository, "v1"));

        Assert.That(exception!.Message, Does.Contain("no credentials were sent"));
        Assert.That(exception.Message, Does.Not.Contain(Password).And.Not.Contain("pass@"));
        Assert.That(stub.Received.Select(r => r.Uri.Host), Is.All.EqualTo("registry.test"));
    }

    private static IRegistryCredentialSource Credentials() =>
        new StaticCredentialSource(new RegistryCredential("user", new Secret(Password)));

    private static HttpResponseMessage Challenge(string realm = "https://registry.test/token")
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation(
            "WWW-Authenticate", $"Bearer realm=\"{realm}\",service=\"registry.test\"");
        return response;
    }

    private static HttpResponseMessage Endless(HttpStatusCode status, EndlessStream body, string mediaType)
    {
        var content = new StreamContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>A body that starts with a prefix and then never ends; counts what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        private readonly byte[] _prefix;
        private long _served;

        public EndlessStream(string prefix)
        {
            _prefix = Encoding.UTF8.GetBytes(prefix);
        }

        public long Served => Interlocked.Read(ref _served);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var position = _served + i;
                buffer[offset + i] = position < _prefix.Length ? _prefix[position] : (byte)'a';
            }

            Interlocked.Add(ref _served, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

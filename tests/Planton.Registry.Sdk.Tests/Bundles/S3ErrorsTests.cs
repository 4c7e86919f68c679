using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class S3ErrorsTests
{
    private static readonly Uri s_bucketUri = new("https://acct.r2.example/workers/");

    [TestCase("SignatureDoesNotMatch", HttpStatusCode.Forbidden)]
    [TestCase("InvalidAccessKeyId", HttpStatusCode.Forbidden)]
    [TestCase("AccessDenied", HttpStatusCode.Forbidden)]
    [TestCase("", HttpStatusCode.Forbidden)]
    [TestCase("", HttpStatusCode.Unauthorized)]
    [TestCase("ExpiredToken", HttpStatusCode.BadRequest)]
    public void Map_RefusedCredentials_IsAuthenticationNamingHostAndBucket(string code, HttpStatusCode status)
    {
        var failure = new AmazonS3Exception("refused", ErrorType.Sender, code, "request-1", status);

        var mapped = S3Errors.Map(failure, "PUT", s_bucketUri, "api/v1/files/index.js", "workers", "acct.r2.example");

        Assert.That(mapped, Is.TypeOf<RegistryAuthenticationException>());
        Assert.That(
            mapped.Message,
            Does.StartWith("R2 at acct.r2.example refused PUT /workers/api/v1/files/index.js in bucket 'workers'"));
        Assert.That(mapped.InnerException, Is.SameAs(failure));
    }

    [TestCase("NoSuchBucket", "The bucket 'workers' does not exist at acct.r2.example.")]
    [TestCase("NoSuchKey", "R2 at acct.r2.example failed the request.")]
    public void Map_NotFound_IsRequestFailedAndNotFound(string code, string detail)
    {
        var failure = new AmazonS3Exception("missing", ErrorType.Sender, code, "request-1", HttpStatusCode.NotFound);

        var mapped = S3Errors.Map(failure, "GET", s_bucketUri, "api/v1/manifest.json", "workers", "acct.r2.example");

        var failed = (RegistryRequestFailedException)mapped;
        Assert.That(failed.IsNotFound, Is.True);
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(failed.Errors.Single().Code, Is.EqualTo(code));
        Assert.That(failed.RequestUri.AbsoluteUri, Is.EqualTo("https://acct.r2.example/workers/api/v1/manifest.json"));
        Assert.That(failed.Message, Does.StartWith(detail));
    }

    [Test]
    public void Map_ServerError_IsRequestFailedWithStatus()
    {
        var failure = new AmazonS3Exception(
            "boom", ErrorType.Receiver, "InternalError", "r", HttpStatusCode.InternalServerError);

        var mapped = S3Errors.Map(failure, "PUT", s_bucketUri, "k", "workers", "acct.r2.example");

        var failed = (RegistryRequestFailedException)mapped;
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(failed.IsNotFound, Is.False);
        Assert.That(failed.Message, Does.Contain("InternalError: boom"));
    }

    [Test]
    public void Map_NoResponse_IsRequestFailedWithoutStatus()
    {
        var failure = new HttpRequestException("Connection refused (127.0.0.1:1)");

        var mapped = S3Errors.Map(failure, "GET", s_bucketUri, string.Empty, "workers", "127.0.0.1:1");

        var failed = (RegistryRequestFailedException)mapped;
        Assert.That(failed.StatusCode, Is.Null);
        Assert.That(failed.Message, Does.StartWith("Could not reach R2 at 127.0.0.1:1: Connection refused"));
    }

    [TestCase(typeof(HttpRequestException), true)]
    [TestCase(typeof(IOException), true)]
    [TestCase(typeof(TaskCanceledException), true)]
    [TestCase(typeof(InvalidOperationException), false)]
    [TestCase(typeof(ArgumentException), false)]
    public void IsMappable_KnowsTransportFailures(Type type, bool mappable)
    {
        Assert.That(S3Errors.IsMappable((Exception)Activator.CreateInstance(type)!), Is.EqualTo(mappable));
    }
}

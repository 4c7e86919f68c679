using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Sdk.Tests.Bundles;

public sealed class S3R2ObjectClientTests
{
    private Mock<IAmazonS3> _s3 = null!;
    private S3R2ObjectClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        _s3.Setup(s => s.Dispose());
        _client = new S3R2ObjectClient(_s3.Object, new Uri("https://acct.r2.example"), "workers", NullLogger.Instance);
    }

    [TearDown]
    public void TearDown() => _client.Dispose();

    [Test]
    public void Constructor_Endpoint_GivesHostAndPathStyleBucketUri()
    {
        using var local = new S3R2ObjectClient(
            _s3.Object, new Uri("http://127.0.0.1:4569"), "planton-workers", NullLogger.Instance);

        Assert.That(local.Host, Is.EqualTo("127.0.0.1:4569"));
        Assert.That(local.BucketUri.AbsoluteUri, Is.EqualTo("http://127.0.0.1:4569/planton-workers/"));
        Assert.That(_client.Host, Is.EqualTo("acct.r2.example"));
    }

    [Test]
    public async Task ListObjectsAsync_TruncatedPages_FollowsContinuationTokens()
    {
        var requests = new List<ListObjectsV2Request>();
        var pages = new Queue<ListObjectsV2Response>(
        [
            Page(true, "token-1", "api/v1/files/a.js", "api/v1/manifest.json"),
            Page(true, "token-2", "api/v2/files/a.js"),
            Page(false, null, "api/v2/manifest.json"),
        ]);
        _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Callback((ListObjectsV2Request request, CancellationToken _) => requests.Add(request))
            .ReturnsAsync(() => pages.Dequeue());

        var keys = new List<string>();
        await foreach (var item in _client.ListObjectsAsync("api/", CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        Assert.That(keys, Is.EqualTo(new[]
        {
            "api/v1/files/a.js", "api/v1/manifest.json", "api/v2/files/a.js", "api/v2/manifest.json",
        }));
        Assert.That(requests.Select(r => r.ContinuationToken), Is.EqualTo(new[] { null, "token-1", "token-2" }));
        Assert.That(requests.Select(r => r.Prefix).Distinct(), Is.EqualTo(new[] { "api/" }));
        Assert.That(requests.Select(r => r.BucketName).Distinct(), Is.EqualTo(new[] { "workers" }));
    }

    [Test]
    public async Task ListObjectsAsync_PageWithoutObjects_YieldsNothing()
    {
        _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListObjectsV2Response());

        var count = 0;
        await foreach (var unused in _client.ListObjectsAsync("api/", CancellationToken.None))
        {
            count++;
        }

        Assert.That(count, Is.Zero);
    }

    [Test]
    public async Task GetObjectAsync_NoSuchKey_ReturnsNull()
    {
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonS3Exception("missing", ErrorType.Sender, "NoSuchKey", "r", HttpStatusCode.NotFound));

        Assert.That(await _client.GetObjectAsync("api/v1/manifest.json", CancellationToken.None), Is.Null);
    }

    [Test]
    public void GetObjectAsync_NoSuchBucket_ThrowsNotFound()
    {
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonS3Exception(
                "missing", ErrorType.Sender, "NoSuchBucket", "r", HttpStatusCode.NotFound));

        var exception = Assert.ThrowsAsync<RegistryRequestFailedException>(
            async () => await _client.GetObjectAsync("api/v1/manifest.json", CancellationToken.None));

        Assert.That(exception!.IsNotFound, Is.True);
        Assert.That(exception.Message, Does.Contain("The bucket 'workers' does not exist"));
    }

    [Test]
    public void PutFileAsync_SignatureRefused_ThrowsAuthentication()
    {
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonS3Exception(
                "signature", ErrorType.Sender, "SignatureDoesNotMatch", "r", HttpStatusCode.Forbidden));

        Assert.ThrowsAsync<RegistryAuthenticationException>(
            async () => await _client.PutFileAsync("k", "/tmp/none", "text/plain", CancellationToken.None));
    }

    [Test]
    public async Task PutFileAsync_Request_SendsBodyWholeWithoutChunkEncoding()
    {
        PutObjectRequest? sent = null;
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PutObjectRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync(new PutObjectResponse());

        await _client.PutFileAsync("api/v1/files/m.wasm", "/tmp/m.wasm", "application/wasm", CancellationToken.None);

        Assert.That(sent!.UseChunkEncoding, Is.False);
        Assert.That(sent.BucketName, Is.EqualTo("workers"));
        Assert.That(sent.FilePath, Is.EqualTo("/tmp/m.wasm"));
        Assert.That(sent.ContentType, Is.EqualTo("application/wasm"));
    }

    [Test]
    public async Task UploadPartAsync_Request_StreamsTheFileRange()
    {
        UploadPartRequest? sent = null;
        _s3.Setup(s => s.UploadPartAsync(It.IsAny<UploadPartRequest>(), It.IsAny<CancellationToken>()))
            .Callback((UploadPartRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync(new UploadPartResponse { ETag = "\"e2\"" });

        var etag = await _client.UploadPartAsync("k", "u1", 2, "/tmp/big", 5_242_880, 1000, CancellationToken.None);

        Assert.That(etag, Is.EqualTo("\"e2\""));
        Assert.That(sent!.FilePosition, Is.EqualTo(5_242_880));
        Assert.That(sent.PartSize, Is.EqualTo(1000));
        Assert.That(sent.PartNumber, Is.EqualTo(2));
        Assert.That(sent.UploadId, Is.EqualTo("u1"));
        Assert.That(sent.UseChunkEncoding, Is.False);
    }

    [Test]
    public void DeleteObjectAsync_CallerCancelled_IsNotMapped()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        _s3.Setup(s => s.DeleteObjectAsync(It.IsAny<DeleteObjectRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TaskCanceledException());

        Assert.ThrowsAsync<TaskCanceledException>(async () => await _client.DeleteObjectAsync("k", cancelled.Token));
    }

    private static ListObjectsV2Response Page(bool truncated, string? next, params string[] keys) => new()
    {
        IsTruncated = truncated,
        NextContinuationToken = next,
        S3Objects =
        [
            .. keys.Select(k => new S3Object
            {
                Key = k,
                Size = 1,
                LastModified = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            }),
        ],
    };
}

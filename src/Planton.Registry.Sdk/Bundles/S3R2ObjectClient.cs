using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// <see cref="IR2ObjectClient"/> over AWSSDK.S3, configured the way R2 accepts: path-style addressing, region
/// <c>auto</c>, checksums only where an operation requires them, and bodies sent whole with their SHA-256 signed
/// (no <c>aws-chunked</c> streaming, no trailing checksums).
/// </summary>
internal sealed class S3R2ObjectClient : IR2ObjectClient
{
    private readonly IAmazonS3 _s3;
    private readonly ILogger _logger;

    /// <summary>Wraps an S3 client bound to an R2 endpoint.</summary>
    /// <param name="s3">The client; disposed with this one.</param>
    /// <param name="endpoint">The endpoint the client talks to.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="logger">Where to log failed requests.</param>
    public S3R2ObjectClient(IAmazonS3 s3, Uri endpoint, string bucket, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(logger);
        _s3 = s3;
        _logger = logger;
        Bucket = bucket;
        Host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        var root = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/");
        BucketUri = new Uri(root, Uri.EscapeDataString(bucket) + "/");
    }

    /// <summary>How many keys a listing asks for per page; 1000 (the S3 maximum) unless a test lowers it.</summary>
    internal int ListPageSize { get; set; } = 1000;

    /// <inheritdoc />
    public string Bucket { get; }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public Uri BucketUri { get; }

    /// <inheritdoc />
    public async Task<R2Object?> GetObjectAsync(string key, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = key };
        GetObjectResponse response;
        try
        {
            response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception)
            when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (Exception exception) when (S3Errors.IsMappable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(exception, "GET", key);
        }

        return new R2Object(response.ResponseStream, response.ContentLength, response);
    }

    /// <inheritdoc />
    public Task PutFileAsync(string key, string filePath, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            FilePath = filePath,
            ContentType = contentType,
            UseChunkEncoding = false,
        };
        return CallAsync("PUT", key, ct => _s3.PutObjectAsync(request, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutBytesAsync(
        string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream(content.ToArray(), writable: false);
        await using (stream.ConfigureAwait(false))
        {
            var request = new PutObjectRequest
            {
                BucketName = Bucket,
                Key = key,
                InputStream = stream,
                AutoCloseStream = false,
                ContentType = contentType,
                UseChunkEncoding = false,
            };
            await CallAsync("PUT", key, ct => _s3.PutObjectAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<string> StartMultipartUploadAsync(
        string key, string contentType, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key, ContentType = contentType };
        var response = await CallAsync(
                "POST", key, ct => _s3.InitiateMultipartUploadAsync(request, ct), cancellationToken)
            .ConfigureAwait(false);
        return response.UploadId;
    }

    /// <inheritdoc />
    public async Task<string> UploadPartAsync(
        string key,
        string uploadId,
        int partNumber,
        string filePath,
        long offset,
        long length,
        CancellationToken cancellationToken)
    {
        var request = new UploadPartRequest
        {
            BucketName = Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            FilePath = filePath,
            FilePosition = offset,
            PartSize = length,
            UseChunkEncoding = false,
        };
        var response = await CallAsync("PUT", key, ct => _s3.UploadPartAsync(request, ct), cancellationToken)
            .ConfigureAwait(false);
        return response.ETag;
    }

    /// <inheritdoc />
    public Task CompleteMultipartUploadAsync(
        string key, string uploadId, IReadOnlyList<R2UploadedPart> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = [.. parts.Select(p => new PartETag(p.PartNumber, p.ETag))],
        };
        return CallAsync("POST", key, ct => _s3.CompleteMultipartUploadAsync(request, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var request = new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId };
        return CallAsync("DELETE", key, ct => _s3.AbortMultipartUploadAsync(request, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<R2ObjectSummary> ListObjectsAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = Bucket,
                Prefix = prefix,
                MaxKeys = ListPageSize,
                ContinuationToken = continuation,
            };
            var page = await CallAsync(
                    "GET", string.Empty, ct => _s3.ListObjectsV2Async(request, ct), cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                var modified = item.LastModified is { } time
                    ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
                    : DateTimeOffset.MinValue;
                yield return new R2ObjectSummary(item.Key, item.Size ?? 0, modified);
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <inheritdoc />
    public Task DeleteObjectAsync(string key, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectRequest { BucketName = Bucket, Key = key };
        return CallAsync("DELETE", key, ct => _s3.DeleteObjectAsync(request, ct), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _s3.Dispose();

    private async Task<T> CallAsync<T>(
        string method, string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (S3Errors.IsMappable(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(exception, method, key);
        }
    }

    private RegistryException Fail(Exception exception, string method, string key)
    {
        var mapped = S3Errors.Map(exception, method, BucketUri, key, Bucket, Host);
        var status = mapped is RegistryRequestFailedException { StatusCode: { } code } ? (int)code
            : exception is AmazonS3Exception s3 ? (int)s3.StatusCode
            : 0;
        var errorCode = exception is AmazonS3Exception { ErrorCode: { } text } ? text : exception.GetType().Name;
        Log.RequestFailed(_logger, method, key, Bucket, Host, status, errorCode);
        return mapped;
    }
}

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// The object operations the bundle store needs from one R2 bucket. The AWSSDK.S3 implementation is
/// <see cref="S3R2ObjectClient"/>; an official R2 client could take its place. Implementations map failures to
/// the SDK's exceptions: <see cref="RegistryAuthenticationException"/> for refused keys or permissions,
/// <see cref="RegistryRequestFailedException"/> for the rest.
/// </summary>
internal interface IR2ObjectClient : IDisposable
{
    /// <summary>The bucket's name.</summary>
    string Bucket { get; }

    /// <summary>The endpoint's host (and port), for messages.</summary>
    string Host { get; }

    /// <summary>The bucket's path-style URI, ending in a slash, for messages.</summary>
    Uri BucketUri { get; }

    /// <summary>Opens an object for reading.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The object, which the caller disposes; null when no object has that key.</returns>
    Task<R2Object?> GetObjectAsync(string key, CancellationToken cancellationToken);

    /// <summary>Uploads a whole file as one object in a single request, streamed from disk.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="filePath">The file to send.</param>
    /// <param name="contentType">The object's content type.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is stored.</returns>
    Task PutFileAsync(string key, string filePath, string contentType, CancellationToken cancellationToken);

    /// <summary>Uploads a small object held in memory.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The object's content type.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is stored.</returns>
    Task PutBytesAsync(
        string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Starts a multipart upload.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="contentType">The object's content type.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The upload id.</returns>
    Task<string> StartMultipartUploadAsync(string key, string contentType, CancellationToken cancellationToken);

    /// <summary>Uploads one part of a multipart upload, streamed from a range of a file.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="partNumber">The part number, from 1.</param>
    /// <param name="filePath">The file the part comes from.</param>
    /// <param name="offset">Where the part starts in the file.</param>
    /// <param name="length">The part's length in bytes.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The part's ETag.</returns>
    Task<string> UploadPartAsync(
        string key,
        string uploadId,
        int partNumber,
        string filePath,
        long offset,
        long length,
        CancellationToken cancellationToken);

    /// <summary>Completes a multipart upload.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="parts">Every part, in part-number order.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is stored.</returns>
    Task CompleteMultipartUploadAsync(
        string key, string uploadId, IReadOnlyList<R2UploadedPart> parts, CancellationToken cancellationToken);

    /// <summary>Aborts a multipart upload, discarding its parts.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the upload is aborted.</returns>
    Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Lists every object whose key starts with <paramref name="prefix"/>, page after page.</summary>
    /// <param name="prefix">The key prefix.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The objects, in key order.</returns>
    IAsyncEnumerable<R2ObjectSummary> ListObjectsAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting a missing key succeeds.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    Task DeleteObjectAsync(string key, CancellationToken cancellationToken);
}

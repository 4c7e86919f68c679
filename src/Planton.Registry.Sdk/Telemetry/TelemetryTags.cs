namespace Planton.Registry.Sdk.Telemetry;

/// <summary>
/// The tag names of the SDK's spans and measurements, and their fixed values. Values are hosts, repository paths,
/// digests, media types, sizes, provider kinds, outcomes and exception type names: never a secret, a message or a URL
/// query.
/// </summary>
internal static class TelemetryTags
{
    /// <summary>The registry host with its port when not the scheme's default (OpenTelemetry's name).</summary>
    public const string ServerAddress = "server.address";

    public const string Repository = "planton.registry.repository";

    /// <summary>The tag or digest a push or pull was asked for.</summary>
    public const string Reference = "planton.registry.reference";

    /// <summary>The digest of a blob, or of the manifest a push or pull ended at.</summary>
    public const string Digest = "planton.registry.digest";

    public const string MediaType = "planton.registry.media_type";

    /// <summary>The size of a blob in bytes.</summary>
    public const string Size = "planton.registry.size";

    /// <summary>The connection's provider kind (<c>AwsEcr</c>, <c>OciRegistry</c>, …), when known.</summary>
    public const string Provider = "planton.registry.provider";

    /// <summary><see cref="Success"/>, <see cref="Failure"/> or <see cref="Cancelled"/>.</summary>
    public const string Outcome = "planton.registry.outcome";

    /// <summary>What became of a blob: uploaded, skipped, mounted, downloaded or failed.</summary>
    public const string BlobState = "planton.registry.blob.state";

    /// <summary><c>push</c> or <c>pull</c>, on the blob counter.</summary>
    public const string Operation = "planton.registry.operation";

    /// <summary>What was retried: <see cref="RetryRequest"/> or <see cref="RetryUploadResume"/>.</summary>
    public const string RetryKind = "planton.registry.retry.kind";

    public const string BlobsUploaded = "planton.registry.blobs.uploaded";

    public const string BlobsSkipped = "planton.registry.blobs.skipped";

    public const string BlobsMounted = "planton.registry.blobs.mounted";

    public const string BlobsDownloaded = "planton.registry.blobs.downloaded";

    /// <summary>The type name of the exception that failed the operation (OpenTelemetry's name).</summary>
    public const string ErrorType = "error.type";

    /// <summary>The HTTP method of a retried request (OpenTelemetry's name).</summary>
    public const string HttpMethod = "http.request.method";

    /// <summary>The status code that caused a retry, when there was a response (OpenTelemetry's name).</summary>
    public const string HttpStatusCode = "http.response.status_code";

    public const string Success = "success";

    public const string Failure = "failure";

    public const string Cancelled = "cancelled";

    public const string Push = "push";

    public const string Pull = "pull";

    public const string Uploaded = "uploaded";

    public const string Skipped = "skipped";

    public const string Mounted = "mounted";

    public const string Downloaded = "downloaded";

    public const string Failed = "failed";

    public const string RetryRequest = "request";

    public const string RetryUploadResume = "upload_resume";
}

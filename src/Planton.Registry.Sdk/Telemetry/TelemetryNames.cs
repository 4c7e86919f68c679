namespace Planton.Registry.Sdk.Telemetry;

/// <summary>The names of the SDK's spans and instruments; README lists them, and they are contract.</summary>
internal static class TelemetryNames
{
    public const string PushSpan = "planton.registry.push";

    public const string PullSpan = "planton.registry.pull";

    public const string BlobUploadSpan = "planton.registry.blob.upload";

    public const string BlobDownloadSpan = "planton.registry.blob.download";

    public const string CredentialExchangeSpan = "planton.registry.credential.exchange";

    public const string BytesUploaded = "planton.registry.bytes.uploaded";

    public const string BytesDownloaded = "planton.registry.bytes.downloaded";

    public const string Blobs = "planton.registry.blobs";

    public const string Retries = "planton.registry.retries";

    public const string PushDuration = "planton.registry.push.duration";

    public const string PullDuration = "planton.registry.pull.duration";

    public const string CredentialExchangeDuration = "planton.registry.credential.exchange.duration";
}

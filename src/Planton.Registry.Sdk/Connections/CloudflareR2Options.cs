using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>A Cloudflare R2 bucket for Worker script bundles (configuration key <c>CloudflareR2</c>).</summary>
public sealed class CloudflareR2Options
{
    /// <summary>The Cloudflare account id: 32 hexadecimal characters.</summary>
    public string? AccountId { get; set; }

    /// <summary>The R2 access key id (the API token's id).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The R2 secret access key (the SHA-256 hex of the API token's value).</summary>
    public Secret? SecretAccessKey { get; set; }

    /// <summary>The bucket: 3–63 lowercase letters, digits and hyphens, no hyphen at either end.</summary>
    public string? Bucket { get; set; }

    /// <summary>The S3 endpoint. Default <c>https://{AccountId}.r2.cloudflarestorage.com</c>.</summary>
    public string? Endpoint { get; set; }
}

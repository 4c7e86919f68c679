using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.Cloudflare;

/// <summary>
/// A Cloudflare R2 bucket for Worker script bundles (PROVIDERS.md §3.6): S3 API at
/// <c>https://{AccountId}.r2.cloudflarestorage.com</c> unless <c>Endpoint</c> is set, region <c>auto</c>.
/// Stores no images.
/// </summary>
internal sealed class CloudflareR2Provider : RegistryProviderBase
{
    /// <summary>The region R2 answers to.</summary>
    public const string Region = "auto";

    public CloudflareR2Provider(RegistryConnectionOptions connection)
        : this(connection, connection.CloudflareR2!)
    {
    }

    private CloudflareR2Provider(RegistryConnectionOptions connection, CloudflareR2Options options)
        : base(
            connection,
            RegistryProviderKind.CloudflareR2,
            null,
            null,
            new StaticCredentialSource(new RegistryCredential(options.AccessKeyId!.Trim(), options.SecretAccessKey!)))
    {
        Options = options;
    }

    public CloudflareR2Options Options { get; }

    /// <summary>The S3 endpoint of the bucket's account.</summary>
    public Uri Endpoint => string.IsNullOrWhiteSpace(Options.Endpoint)
        ? new Uri($"https://{Options.AccountId!.Trim()}.r2.cloudflarestorage.com/")
        : new Uri(Options.Endpoint.Trim());
}

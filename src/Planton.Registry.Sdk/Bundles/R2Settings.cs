using System.Text.RegularExpressions;
using Amazon.S3;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// What the bundle store takes from a <see cref="RegistryProviderKind.CloudflareR2"/> connection: the endpoint
/// (given, or built from the account id), the bucket and the key pair. Only the checks the store itself relies on
/// are made here; the connection validator checks the rest.
/// </summary>
internal sealed partial class R2Settings
{
    private R2Settings(Uri endpoint, string bucket, string accessKeyId, Secret secretAccessKey)
    {
        Endpoint = endpoint;
        Bucket = bucket;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
    }

    /// <summary>The S3 endpoint: scheme, host and port only.</summary>
    public Uri Endpoint { get; }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public Secret SecretAccessKey { get; }

    /// <summary>Reads the settings from a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="RegistryConfigurationException">A field the store needs is missing or unusable.</exception>
    public static R2Settings Resolve(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var problems = new List<ConfigurationProblem>();
        if (connection.Provider != RegistryProviderKind.CloudflareR2)
        {
            problems.Add(new ConfigurationProblem(
                "Provider",
                $"bundles are stored through a CloudflareR2 connection; this one is "
                + $"{connection.Provider?.ToString() ?? "missing its provider"}."));
        }

        var r2 = connection.CloudflareR2;
        if (r2 is null)
        {
            problems.Add(new ConfigurationProblem("CloudflareR2", "is missing."));
            throw new RegistryConfigurationException(connection.Name, problems);
        }

        if (string.IsNullOrWhiteSpace(r2.Bucket))
        {
            problems.Add(new ConfigurationProblem("CloudflareR2:Bucket", "is required."));
        }
        else if (!BucketPattern().IsMatch(r2.Bucket))
        {
            problems.Add(new ConfigurationProblem(
                "CloudflareR2:Bucket",
                $"'{r2.Bucket}' is not a bucket name: use 3 to 63 lowercase letters, digits and '-', "
                + "not starting or ending with '-'."));
        }

        if (string.IsNullOrWhiteSpace(r2.AccessKeyId))
        {
            problems.Add(new ConfigurationProblem("CloudflareR2:AccessKeyId", "is required."));
        }

        if (r2.SecretAccessKey is null || r2.SecretAccessKey.IsEmpty)
        {
            problems.Add(new ConfigurationProblem("CloudflareR2:SecretAccessKey", "is required."));
        }

        var endpoint = ResolveEndpoint(r2, connection.AllowInsecureHttp, problems);
        if (problems.Count > 0)
        {
            throw new RegistryConfigurationException(connection.Name, problems);
        }

        return new R2Settings(endpoint!, r2.Bucket!, r2.AccessKeyId!.Trim(), r2.SecretAccessKey!);
    }

    /// <summary>Builds the AWSSDK.S3 configuration R2 accepts.</summary>
    /// <param name="httpClientFactory">Where HTTP clients come from, or null for the AWS SDK's own.</param>
    /// <returns>The configuration.</returns>
    public AmazonS3Config ToS3Config(IHttpClientFactory? httpClientFactory) => new()
    {
        ServiceURL = Endpoint.GetLeftPart(UriPartial.Authority),
        ForcePathStyle = true,
        AuthenticationRegion = "auto",
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        HttpClientFactory = httpClientFactory is null
            ? null
            : new NamedHttpClientFactory(httpClientFactory, WorkerBundleStore.HttpClientName),
    };

    /// <summary>Shows the endpoint and bucket; never the keys.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"R2 bucket '{Bucket}' at {Endpoint.Authority}";

    private static Uri? ResolveEndpoint(
        CloudflareR2Options r2, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        const string Field = "CloudflareR2:Endpoint";
        if (string.IsNullOrWhiteSpace(r2.Endpoint))
        {
            if (string.IsNullOrWhiteSpace(r2.AccountId))
            {
                problems.Add(new ConfigurationProblem(
                    "CloudflareR2:AccountId", "is required unless CloudflareR2:Endpoint is set."));
                return null;
            }

            var accountId = r2.AccountId.Trim();
            if (!HostLabelPattern().IsMatch(accountId))
            {
                problems.Add(new ConfigurationProblem(
                    "CloudflareR2:AccountId", "must be the account id, 32 hexadecimal characters."));
                return null;
            }

            return new Uri($"https://{accountId.ToLowerInvariant()}.r2.cloudflarestorage.com");
        }

        if (!Uri.TryCreate(r2.Endpoint.Trim(), UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new ConfigurationProblem(
                Field,
                $"'{r2.Endpoint}' is not an http or https URL such as "
                + "https://ACCOUNT.r2.cloudflarestorage.com."));
            return null;
        }

        if (endpoint.AbsolutePath != "/" || endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0
            || endpoint.UserInfo.Length > 0)
        {
            problems.Add(new ConfigurationProblem(
                Field,
                "must be scheme, host and port only (no path, query or user info); "
                + "the bucket is a field of its own."));
            return null;
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !allowInsecureHttp)
        {
            problems.Add(new ConfigurationProblem(
                Field,
                $"plain http is accepted for loopback addresses only; use https for {endpoint.Host}, or set "
                + "AllowInsecureHttp on the connection."));
            return null;
        }

        return endpoint;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabelPattern();
}

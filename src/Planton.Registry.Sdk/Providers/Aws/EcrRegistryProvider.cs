using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.Aws;

/// <summary>
/// Amazon ECR (PROVIDERS.md §3.2): <c>{account}.dkr.ecr.{region}.amazonaws.com/{image}</c>, with the China
/// (<c>.amazonaws.com.cn</c>) and FIPS (<c>dkr.ecr-fips</c>) forms. Uploads one blob at a time in chunks of at
/// least 5 MiB, as ECR needs. User name <c>AWS</c>, password from <c>GetAuthorizationToken</c>.
/// </summary>
internal sealed class EcrRegistryProvider : RegistryProviderBase
{
    /// <summary>The user name ECR expects.</summary>
    public const string Username = "AWS";

    public EcrRegistryProvider(RegistryConnectionOptions connection, IRegistryCredentialSource credentials)
        : this(connection, connection.AwsEcr!, credentials)
    {
    }

    private EcrRegistryProvider(
        RegistryConnectionOptions connection,
        AwsEcrOptions options,
        IRegistryCredentialSource credentials)
        : base(
            connection,
            RegistryProviderKind.AwsEcr,
            ArtifactFormat.Docker,
            ToBaseUri(options.RegistryUrl) ?? HttpsHost(RegistryHostFor(options)),
            credentials,
            TransferRules.Ecr)
    {
        Options = options;
    }

    public AwsEcrOptions Options { get; }

    /// <summary>
    /// The DNS suffix of a region's partition: <c>amazonaws.com.cn</c> for China, else <c>amazonaws.com</c>.
    /// </summary>
    public static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";

    /// <summary>The registry host built from the account, region and FIPS setting.</summary>
    public static string RegistryHostFor(AwsEcrOptions options)
    {
        var region = options.Region!.Trim();
        var service = options.UseFips ? "ecr-fips" : "ecr";
        return $"{options.AccountId!.Trim()}.dkr.{service}.{region}.{DnsSuffix(region)}";
    }

    /// <summary>
    /// The ECR API endpoint: <c>Endpoint</c> when set, else <c>https://api.ecr[-fips].{region}.{suffix}/</c>.
    /// </summary>
    public static Uri ApiEndpointFor(AwsEcrOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return new Uri(options.Endpoint.Trim());
        }

        var region = options.Region!.Trim();
        var service = options.UseFips ? "ecr-fips" : "ecr";
        return new Uri($"https://api.{service}.{region}.{DnsSuffix(region)}/");
    }
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>A private Amazon ECR registry (configuration key <c>AwsEcr</c>).</summary>
public sealed class AwsEcrOptions
{
    /// <summary>The 12-digit AWS account number.</summary>
    public string? AccountId { get; set; }

    /// <summary>The AWS region, such as <c>us-east-1</c>, <c>cn-north-1</c> or <c>us-gov-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>An IAM access key id with ECR permissions (<c>AKIA…</c> or <c>ASIA…</c>).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The IAM secret access key.</summary>
    public Secret? SecretAccessKey { get; set; }

    /// <summary>Overrides the ECR API endpoint (a VPC endpoint, or a loopback test server).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Creates a missing repository before a push. Default false.</summary>
    public bool CreateRepositoryIfMissing { get; set; }

    /// <summary>Use the FIPS endpoints (<c>ecr-fips</c>). Default false.</summary>
    public bool UseFips { get; set; }

    /// <summary>
    /// Replaces the registry endpoint built from the fields above; wins over ECR's <c>proxyEndpoint</c>.
    /// </summary>
    public string? RegistryUrl { get; set; }
}

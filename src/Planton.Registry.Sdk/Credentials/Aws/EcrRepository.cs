namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>An ECR repository as <c>DescribeRepositories</c> and <c>CreateRepository</c> describe it.</summary>
/// <param name="Name">The repository name, such as <c>team/billing-api</c>.</param>
/// <param name="Uri">The repository URI, such as
/// <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/team/billing-api</c>.</param>
/// <param name="Arn">The repository ARN.</param>
internal sealed record EcrRepository(string Name, string? Uri, string? Arn);

using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>
/// The three calls of the Amazon ECR API the SDK makes (JSON 1.1 over HTTPS, SigV4 service <c>ecr</c>), at
/// <see cref="Providers.Aws.EcrRegistryProvider.ApiEndpointFor"/>. A seam, so that the official AWS client could
/// implement it and tests can put a verifying fake behind it.
/// </summary>
internal interface IEcrApi
{
    /// <summary><c>GetAuthorizationToken</c>: trades the connection's IAM keys for a registry password.</summary>
    /// <exception cref="RegistryAuthenticationException">ECR refused the keys or the permission.</exception>
    /// <exception cref="RegistryRequestFailedException">ECR failed otherwise, or could not be reached.</exception>
    Task<EcrAuthorizationData> GetAuthorizationTokenAsync(
        AwsEcrOptions options, CancellationToken cancellationToken = default);

    /// <summary><c>DescribeRepositories</c> for one repository of the connection's account.</summary>
    /// <returns>The repository, or null when ECR answers <c>RepositoryNotFoundException</c>.</returns>
    /// <exception cref="RegistryAuthenticationException">ECR refused the keys or the permission.</exception>
    /// <exception cref="RegistryRequestFailedException">ECR failed otherwise, or could not be reached.</exception>
    Task<EcrRepository?> DescribeRepositoryAsync(
        AwsEcrOptions options, string repositoryName, CancellationToken cancellationToken = default);

    /// <summary><c>CreateRepository</c> in the connection's account, with ECR's defaults.</summary>
    /// <returns>The new repository.</returns>
    /// <exception cref="RegistryAuthenticationException">ECR refused the keys or the permission.</exception>
    /// <exception cref="RegistryRequestFailedException">
    /// ECR failed, for example with <c>RepositoryAlreadyExistsException</c> as the first error code.
    /// </exception>
    Task<EcrRepository> CreateRepositoryAsync(
        AwsEcrOptions options, string repositoryName, CancellationToken cancellationToken = default);
}

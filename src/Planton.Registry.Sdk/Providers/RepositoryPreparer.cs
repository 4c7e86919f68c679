using System.Net;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Providers.Aws;

namespace Planton.Registry.Sdk.Providers;

/// <summary>
/// <see cref="IRepositoryPreparer"/>: for ECR, <c>DescribeRepositories</c>, then <c>CreateRepository</c> when
/// allowed, else a not-found failure that names the repository, account and region. When the keys may not call
/// <c>DescribeRepositories</c> the check is skipped with a warning and the push goes ahead.
/// </summary>
internal sealed class RepositoryPreparer : IRepositoryPreparer
{
    private readonly IEcrApi _ecr;
    private readonly ILogger<RepositoryPreparer> _logger;

    public RepositoryPreparer(IEcrApi ecr, ILogger<RepositoryPreparer> logger)
    {
        _ecr = ecr;
        _logger = logger;
    }

    public async Task EnsureRepositoryAsync(
        IRegistryProvider provider, string repositoryPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(repositoryPath);
        if (provider is not EcrRegistryProvider ecr)
        {
            return;
        }

        var options = ecr.Options;
        EcrRepository? existing;
        try
        {
            existing = await _ecr.DescribeRepositoryAsync(options, repositoryPath, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryAuthenticationException e)
        {
            CredentialLog.EcrRepositoryCheckSkipped(_logger, repositoryPath, e);
            return;
        }

        if (existing is not null)
        {
            return;
        }

        var account = options.AccountId!.Trim();
        var region = options.Region!.Trim();
        if (!options.CreateRepositoryIfMissing)
        {
            throw new RegistryRequestFailedException(
                "POST",
                EcrRegistryProvider.ApiEndpointFor(options),
                HttpStatusCode.BadRequest,
                [new OciError("NAME_UNKNOWN", $"RepositoryNotFoundException: {repositoryPath}")],
                $"The ECR repository '{repositoryPath}' does not exist in account {account}, region {region}, and "
                + "ECR refuses pushes to a missing repository; create it (aws ecr create-repository "
                + $"--repository-name {repositoryPath} --region {region}) or set AwsEcr:CreateRepositoryIfMissing "
                + "to true.");
        }

        try
        {
            await _ecr.CreateRepositoryAsync(options, repositoryPath, cancellationToken).ConfigureAwait(false);
            CredentialLog.EcrRepositoryCreated(_logger, repositoryPath, account, region);
        }
        catch (RegistryRequestFailedException e)
            when (e.Errors.Count > 0 && e.Errors[0].Code == "RepositoryAlreadyExistsException")
        {
            // Another push created it between the check and now.
        }
    }
}

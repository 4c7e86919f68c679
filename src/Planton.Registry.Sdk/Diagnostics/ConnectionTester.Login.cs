using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// The login check: the connection test's stages up to <see cref="ConnectionTestStage.Credentials"/>.
/// </summary>
internal sealed partial class ConnectionTester : IRegistryLoginVerifier
{
    public async Task VerifyLoginAsync(
        IRegistryProvider provider, RegistryCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(credential);
        var endpoint = RegistryEndpoint.Create(
            provider.RegistryUri.GetLeftPart(UriPartial.Authority), provider.AllowInsecureHttp);
        var run = new ConnectionTestRun(
            provider,
            endpoint,
            provider.GetRepositoryPath(DefaultImage),
            false,
            _httpClientFactory.CreateClient(OciRegistryClientOptions.HttpClientName))
        {
            LoginCredential = credential,
        };
        foreach (var stage in s_stages.Where(s => s <= ConnectionTestStage.Credentials))
        {
            if (run.Failure != ConnectionTestFailure.None)
            {
                break;
            }

            if (!run.HasStep(stage))
            {
                await RunStageAsync(run, stage, cancellationToken).ConfigureAwait(false);
            }
        }

        if (run.Failure == ConnectionTestFailure.None)
        {
            return;
        }

        var failed = run.Steps.LastOrDefault(s => s.Outcome == ConnectionTestOutcome.Failed);
        var detail = failed is null ? "the check failed" : $"{failed.Stage.ToString().ToLowerInvariant()}: "
            + failed.Detail;
        var message = run.Failure == ConnectionTestFailure.Credentials
            ? $"The registry {endpoint.Host} refused the credential of connection '{provider.ConnectionName}' "
                + $"({detail}); the docker config was not changed."
            : $"The login of connection '{provider.ConnectionName}' could not be checked against {endpoint.Host} "
                + $"({detail}); the docker config was not changed.";
        if (run.Failure == ConnectionTestFailure.Credentials)
        {
            throw new RegistryAuthenticationException(message);
        }

        throw new RegistryRequestFailedException("GET", run.V2Uri, null, [], message);
    }
}

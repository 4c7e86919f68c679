using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Credentials.Azure;

/// <summary>
/// Azure Container Registry's Entra flow (<c>Azure/acr</c> docs/AAD-OAuth.md): a service principal's Entra token for
/// <c>https://containerregistry.azure.net/.default</c>, traded at the registry's <c>/oauth2/exchange</c> for an ACR
/// refresh token, which <c>/oauth2/token</c> trades for access tokens per scope. A seam, so that tests can put
/// verifying fakes behind it and the Azure SDK's own client could implement it.
/// </summary>
internal interface IAcrTokenService
{
    /// <summary>Gets an Entra token for the service principal and trades it for an ACR refresh token.</summary>
    /// <param name="options">The connection's ACR fields (tenant, client, secret, authority).</param>
    /// <param name="registry">The registry's base URI, where <c>/oauth2/exchange</c> is.</param>
    /// <param name="service">The registry's service name, its login server (<c>name.azurecr.io</c>).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <exception cref="RegistryAuthenticationException">Entra refused the client secret, or ACR the Entra
    /// token.</exception>
    /// <exception cref="RegistryRequestFailedException">Entra or ACR failed otherwise, or could not be
    /// reached.</exception>
    Task<AcrToken> GetRefreshTokenAsync(
        AzureContainerRegistryOptions options,
        Uri registry,
        string service,
        CancellationToken cancellationToken = default);

    /// <summary>Trades a refresh token for an access token to one scope at <c>/oauth2/token</c>.</summary>
    /// <param name="registry">The registry's base URI.</param>
    /// <param name="service">The registry's service name.</param>
    /// <param name="refreshToken">The refresh token from <see cref="GetRefreshTokenAsync"/>.</param>
    /// <param name="scope">The scope, such as <c>repository:team/api:pull,push</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RegistryAuthenticationException">ACR refused the refresh token or the scope.</exception>
    /// <exception cref="RegistryRequestFailedException">ACR failed otherwise, or could not be reached.</exception>
    Task<AcrToken> GetAccessTokenAsync(
        Uri registry, string service, Secret refreshToken, string scope, CancellationToken cancellationToken = default);
}

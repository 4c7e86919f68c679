using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Credentials.Azure;
using Planton.Registry.Sdk.Credentials.Gcp;
using Planton.Registry.Sdk.Providers.Aws;
using Planton.Registry.Sdk.Providers.Azure;
using Planton.Registry.Sdk.Providers.Gcp;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// The credential sources of connections whose registry credentials come from a cloud token exchange, each cached
/// in <see cref="RegistryCredentialCache"/> under the connection's identity:
/// <list type="bullet">
/// <item>GCP: the service-account key's access token as the password of <c>oauth2accesstoken</c>;</item>
/// <item>ECR: <c>GetAuthorizationToken</c>'s decoded <c>AWS:password</c>, with its <c>expiresAt</c>, and its
/// <c>proxyEndpoint</c> unless the connection sets <c>RegistryUrl</c>;</item>
/// <item>ACR service principal: the ACR refresh token as an identity token of the null-GUID user, exchanged at the
/// login server (<c>https://{LoginServer}/oauth2/exchange</c>), so that registry clients trade it for access tokens
/// with the OAuth2 <c>refresh_token</c> grant, or send it as the Basic password.</item>
/// </list>
/// </summary>
internal sealed class CloudCredentialSources : ICloudCredentialSources
{
    private readonly IGcpTokenService _gcp;
    private readonly IEcrApi _ecr;
    private readonly IAcrTokenService _acr;
    private readonly RegistryCredentialCache _cache;

    public CloudCredentialSources(
        IGcpTokenService gcp, IEcrApi ecr, IAcrTokenService acr, RegistryCredentialCache cache)
    {
        _gcp = gcp;
        _ecr = ecr;
        _acr = acr;
        _cache = cache;
    }

    public IRegistryCredentialSource ForGcp(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = GcpServiceAccountKey.Parse(connection.GcpArtifactRegistry!.ServiceAccountKey!);
        var cacheKey = CredentialCacheKey.Create(
            nameof(RegistryProviderKind.GcpArtifactRegistry),
            key.ClientEmail,
            string.Empty,
            [key.ClientEmail, key.PrivateKeyId, key.TokenUri.AbsoluteUri],
            [key.PrivateKey]);
        return new ExchangingCredentialSource(
            _cache,
            cacheKey,
            GcpArtifactRegistryProvider.AccessTokenUsername,
            async cancellationToken =>
            {
                var token = await _gcp.GetAccessTokenAsync(key, cancellationToken).ConfigureAwait(false);
                return new ExchangedCredential(new RegistryCredential(
                    GcpArtifactRegistryProvider.AccessTokenUsername, token.AccessToken, token.ExpiresOn));
            });
    }

    public IRegistryCredentialSource ForEcr(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = connection.AwsEcr!;
        var account = options.AccountId!.Trim();
        var region = options.Region!.Trim();
        var cacheKey = CredentialCacheKey.Create(
            nameof(RegistryProviderKind.AwsEcr),
            $"{account}/{region}",
            string.Empty,
            [account, region, EcrRegistryProvider.ApiEndpointFor(options).AbsoluteUri, options.AccessKeyId!.Trim()],
            [options.SecretAccessKey]);
        var registryUrlSet = !string.IsNullOrWhiteSpace(options.RegistryUrl);
        return new ExchangingCredentialSource(
            _cache,
            cacheKey,
            EcrRegistryProvider.Username,
            async cancellationToken =>
            {
                var data = await _ecr.GetAuthorizationTokenAsync(options, cancellationToken).ConfigureAwait(false);
                return new ExchangedCredential(
                    new RegistryCredential(data.Username, data.Password, data.ExpiresOn),
                    registryUrlSet ? null : data.ProxyEndpoint);
            });
    }

    public IRegistryCredentialSource ForAcrServicePrincipal(RegistryConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = connection.AzureContainerRegistry!;
        var loginServer = AcrRegistryProvider.LoginServerFor(options);
        var registry = new Uri("https://" + loginServer + "/");
        var clientId = options.ClientId!.Trim();
        var cacheKey = CredentialCacheKey.Create(
            nameof(RegistryProviderKind.AzureContainerRegistry),
            $"{loginServer}/{clientId}",
            string.Empty,
            [loginServer, options.TenantId!.Trim(), clientId, options.AuthorityHost?.Trim()],
            [options.ClientSecret]);
        return new ExchangingCredentialSource(
            _cache,
            cacheKey,
            AcrRegistryProvider.RefreshTokenUsername,
            async cancellationToken =>
            {
                var token = await _acr.GetRefreshTokenAsync(options, registry, loginServer, cancellationToken)
                    .ConfigureAwait(false);
                return new ExchangedCredential(new RegistryCredential(
                    AcrRegistryProvider.RefreshTokenUsername, token.Token, token.ExpiresOn, isIdentityToken: true));
            });
    }
}

using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.DependencyInjection;

namespace Planton.Registry.Sdk.Credentials.Gcp;

/// <summary>
/// <see cref="IGcpTokenService"/> through Google.Apis.Auth's <see cref="ServiceAccountCredential"/>: built from the
/// key's fields with its <c>token_uri</c> as token server, scope <c>cloud-platform</c> (so that Google's library
/// sends the JWT-bearer grant rather than a self-signed token), the SDK's clock, and HTTP through the SDK's
/// <see cref="PlantonRegistryHttpClients.TokenService"/> handler.
/// </summary>
internal sealed class GcpTokenService : IGcpTokenService
{
    /// <summary>The OAuth2 scope that Artifact Registry accepts.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly IHttpMessageHandlerFactory _handlerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GcpTokenService> _logger;

    public GcpTokenService(
        IHttpMessageHandlerFactory handlerFactory, TimeProvider timeProvider, ILogger<GcpTokenService> logger)
    {
        _handlerFactory = handlerFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<GcpAccessToken> GetAccessTokenAsync(
        GcpServiceAccountKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var tokenUri = key.TokenUri;
        var credential = CreateCredential(key);
        try
        {
            await credential.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException e)
        {
            var code = TokenServiceHttp.Quote(e.Error?.Error, 100);
            var description = TokenServiceHttp.Quote(e.Error?.ErrorDescription);
            var status = e.StatusCode is { } s ? (int)s : 0;
            if (status is 400 or 401 or 403 || code is "invalid_grant" or "invalid_client" or "unauthorized_client")
            {
                CredentialLog.ExchangeRefused(_logger, "GcpArtifactRegistry", tokenUri.Authority, status, code);
                var reason = description.Length > 0 ? $"{status} {code}: {description}" : $"{status} {code}";
                throw new RegistryAuthenticationException(
                    $"Google's token service at {tokenUri.Authority} refused the service-account key of "
                    + $"{key.ClientEmail} ({reason})."
                    + " Check GcpArtifactRegistry:ServiceAccountKey: the key may be deleted, disabled or not this "
                    + "account's.",
                    e);
            }

            throw new RegistryRequestFailedException(
                "POST", tokenUri, e.StatusCode, [new OciError(code, description)],
                $"Google's token service failed to issue an access token for {key.ClientEmail}.", e);
        }
        catch (HttpRequestException e)
        {
            throw TokenServiceHttp.Unreachable("Google's token service", tokenUri, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TokenServiceHttp.Unreachable("Google's token service", tokenUri, e);
        }

        var token = credential.Token;
        if (token is null || string.IsNullOrEmpty(token.AccessToken))
        {
            throw new RegistryRequestFailedException(
                "POST", tokenUri, null, [], "Google's token service answered without an access token.");
        }

        var issued = new DateTimeOffset(DateTime.SpecifyKind(token.IssuedUtc, DateTimeKind.Utc));
        var lifetime = TimeSpan.FromSeconds(token.ExpiresInSeconds ?? 3600);
        return new GcpAccessToken(new Secret(token.AccessToken), issued + lifetime);
    }

    private ServiceAccountCredential CreateCredential(GcpServiceAccountKey key)
    {
        var initializer = new ServiceAccountCredential.Initializer(key.ClientEmail, key.TokenUri.AbsoluteUri)
        {
            Scopes = [CloudPlatformScope],
            KeyId = key.PrivateKeyId,
            ProjectId = key.ProjectId,
            Clock = new GoogleClock(_timeProvider),
            HttpClientFactory = new HttpClientFromMessageHandlerFactory(_ =>
                new HttpClientFromMessageHandlerFactory.ConfiguredHttpMessageHandler(
                    _handlerFactory.CreateHandler(PlantonRegistryHttpClients.TokenService),
                    performsAutomaticDecompression: false,
                    handlesRedirect: false)),
            UseJwtAccessWithScopes = false,
        };
        try
        {
            return new ServiceAccountCredential(initializer.FromPrivateKey(key.PrivateKey.Reveal()));
        }
        catch (Exception e) when (e is ArgumentException or FormatException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new RegistryConfigurationException(
                "GcpArtifactRegistry:ServiceAccountKey",
                "The service-account key's private_key is not a readable RSA private key.");
        }
    }
}

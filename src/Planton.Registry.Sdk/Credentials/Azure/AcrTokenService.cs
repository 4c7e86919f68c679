using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.DependencyInjection;

namespace Planton.Registry.Sdk.Credentials.Azure;

/// <summary>
/// <see cref="IAcrTokenService"/> with Azure.Identity's <see cref="ClientSecretCredential"/> for the Entra token
/// (authority from the connection, instance discovery off so that no other host is asked) and plain form POSTs to
/// the registry's <c>/oauth2/exchange</c> and <c>/oauth2/token</c>. All HTTP goes through the SDK's
/// <see cref="PlantonRegistryHttpClients.TokenService"/> client.
/// </summary>
internal sealed class AcrTokenService : IAcrTokenService
{
    /// <summary>The Entra scope of Azure Container Registry.</summary>
    public const string ContainerRegistryScope = "https://containerregistry.azure.net/.default";

    /// <summary>The lifetime assumed for an access token that is not a JWT.</summary>
    private static readonly TimeSpan s_defaultAccessTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AcrTokenService> _logger;

    public AcrTokenService(
        IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<AcrTokenService> logger)
    {
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<AcrToken> GetRefreshTokenAsync(
        AzureContainerRegistryOptions options,
        Uri registry,
        string service,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(service);
        var tenant = options.TenantId!.Trim();
        var entra = await GetEntraTokenAsync(options, tenant, cancellationToken).ConfigureAwait(false);
        var exchange = new Uri(registry, "/oauth2/exchange");
        using var body = await PostFormAsync(
            exchange,
            [
                new("grant_type", "access_token"),
                new("service", service),
                new("tenant", tenant),
                new("access_token", entra.Token),
            ],
            $"the Entra token of application {options.ClientId!.Trim()} (tenant {tenant})",
            cancellationToken).ConfigureAwait(false);
        var refresh = ReadToken(body, "refresh_token", exchange);
        return new AcrToken(refresh, JwtExpiry.Read(refresh) ?? entra.ExpiresOn);
    }

    public async Task<AcrToken> GetAccessTokenAsync(
        Uri registry, string service, Secret refreshToken, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(refreshToken);
        ArgumentNullException.ThrowIfNull(scope);
        var endpoint = new Uri(registry, "/oauth2/token");
        using var body = await PostFormAsync(
            endpoint,
            [
                new("grant_type", "refresh_token"),
                new("service", service),
                new("scope", scope),
                new("refresh_token", refreshToken.Reveal()),
            ],
            $"the refresh token for '{scope}'",
            cancellationToken).ConfigureAwait(false);
        var access = ReadToken(body, "access_token", endpoint);
        return new AcrToken(access, JwtExpiry.Read(access) ?? _timeProvider.GetUtcNow() + s_defaultAccessTokenLifetime);
    }

    private async Task<(string Token, DateTimeOffset ExpiresOn)> GetEntraTokenAsync(
        AzureContainerRegistryOptions options, string tenant, CancellationToken cancellationToken)
    {
        var authority = string.IsNullOrWhiteSpace(options.AuthorityHost)
            ? AzureAuthorityHosts.AzurePublicCloud
            : new Uri(options.AuthorityHost.Trim());
        var credentialOptions = new ClientSecretCredentialOptions
        {
            AuthorityHost = authority,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(
                _httpClientFactory.CreateClient(PlantonRegistryHttpClients.TokenService)),
        };
        credentialOptions.Retry.MaxRetries = 1;
        var clientId = options.ClientId!.Trim();
        try
        {
            var credential = new ClientSecretCredential(
                tenant, clientId, options.ClientSecret!.Reveal(), credentialOptions);
            var token = await credential
                .GetTokenAsync(new TokenRequestContext([ContainerRegistryScope]), cancellationToken)
                .ConfigureAwait(false);
            return (token.Token, token.ExpiresOn);
        }
        catch (ArgumentException)
        {
            throw new RegistryConfigurationException(
                "AzureContainerRegistry:AuthorityHost",
                "must be an absolute https URL such as https://login.microsoftonline.com/.");
        }
        catch (AuthenticationFailedException e)
        {
            var service = FindInner<MsalServiceException>(e);
            if (service is null && FindInner<HttpRequestException>(e) is { } network)
            {
                throw TokenServiceHttp.Unreachable("Entra ID", authority, network);
            }

            if (service is { StatusCode: >= 500 })
            {
                throw new RegistryRequestFailedException(
                    "POST",
                    authority,
                    (HttpStatusCode)service.StatusCode,
                    [new OciError(service.ErrorCode ?? "error", string.Empty)],
                    $"Entra ID failed to issue a token for application {clientId} in tenant {tenant}.", e);
            }

            CredentialLog.ExchangeRefused(
                _logger,
                "AzureContainerRegistry",
                authority.Authority,
                service?.StatusCode ?? 0,
                service?.ErrorCode ?? "refused");
            throw new RegistryAuthenticationException(
                $"Entra ID at {authority.Authority} refused the client secret of application {clientId} in tenant "
                + $"{tenant} ({TokenServiceHttp.Quote(FirstLine(service?.Message ?? e.Message))}). Check "
                + "AzureContainerRegistry:TenantId, ClientId and ClientSecret.",
                e);
        }
    }

    private async Task<JsonDocument> PostFormAsync(
        Uri endpoint, KeyValuePair<string, string>[] form, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form),
        };
        var http = _httpClientFactory.CreateClient(PlantonRegistryHttpClients.TokenService);
        var response = await TokenServiceHttp
            .SendAsync(http, request, "The registry's token service", endpoint, cancellationToken)
            .ConfigureAwait(false);

        using (response)
        {
            var bytes = await TokenServiceHttp.ReadBodyAsync(response, endpoint, cancellationToken)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var errors = ReadOciErrors(bytes);
                if (TokenServiceHttp.IsRefusal(response.StatusCode))
                {
                    CredentialLog.ExchangeRefused(
                        _logger, "AzureContainerRegistry", endpoint.Authority, (int)response.StatusCode,
                        errors.Count > 0 ? errors[0].Code : "refused");
                    var reason = errors.Count > 0 ? $" ({errors[0].Code}: {errors[0].Message})" : string.Empty;
                    throw new RegistryAuthenticationException(
                        $"The registry {endpoint.Authority} refused {what} at {endpoint.AbsolutePath} with "
                        + $"{(int)response.StatusCode}{reason}. Check that the service principal has a role on the "
                        + "registry (AcrPush or AcrPull).");
                }

                throw new RegistryRequestFailedException(
                    "POST", endpoint, response.StatusCode, errors, $"The registry's token service failed for {what}.");
            }

            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                throw new RegistryRequestFailedException(
                    "POST",
                    endpoint,
                    response.StatusCode,
                    [],
                    "The registry's token service answered with a body that is not JSON.");
            }
        }
    }

    private static Secret ReadToken(JsonDocument body, string property, Uri endpoint) =>
        body.RootElement.ValueKind == JsonValueKind.Object
        && body.RootElement.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrEmpty(value.GetString())
            ? new Secret(value.GetString()!)
            : throw new RegistryRequestFailedException(
                "POST", endpoint, HttpStatusCode.OK, [], $"The registry's token service answered without {property}.");

    /// <summary>The <c>errors[]</c> of an OCI-style error body, or the OAuth2 <c>error</c>; empty when
    /// neither.</summary>
    private static List<OciError> ReadOciErrors(byte[] bytes)
    {
        var errors = new List<OciError>();
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return errors;
            }

            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray().Take(5))
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        errors.Add(new OciError(
                            TokenServiceHttp.Quote(Text(item, "code"), 100),
                            TokenServiceHttp.Quote(Text(item, "message"))));
                    }
                }
            }
            else if (Text(root, "error") is { } error)
            {
                errors.Add(new OciError(
                    TokenServiceHttp.Quote(error, 100), TokenServiceHttp.Quote(Text(root, "error_description"))));
            }
        }
        catch (JsonException)
        {
            return errors;
        }

        return errors;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

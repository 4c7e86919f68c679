using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Fetches a bearer token from a registry's token service
/// (<see href="https://distribution.github.io/distribution/spec/auth/token/"/>,
/// <see href="https://distribution.github.io/distribution/spec/auth/oauth/"/>): GET with Basic credentials (or
/// none), or an OAuth2 <c>refresh_token</c> POST when the credential is an identity token. The realm must have
/// passed <see cref="RealmValidator"/>. Redirects are not followed, so the credentials reach only the realm.
/// </summary>
internal static class BearerTokenClient
{
    public const string ClientId = "planton-registry-sdk";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    public static async Task<(Secret Token, TimeSpan Lifetime)> FetchAsync(
        HttpClient http,
        RegistryEndpoint endpoint,
        Uri realm,
        string? service,
        IReadOnlyList<string> scopes,
        RegistryCredential? credential,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var realmForLog = RegistryRequestFailedException.StripQuery(realm);
        var scopeText = string.Join(' ', scopes);
        var identityGrant = credential is { IsIdentityToken: true };
        AuthLog.TokenRequested(
            logger, endpoint.Host, realmForLog.ToString(), scopeText,
            identityGrant ? "refresh_token" : credential is null ? "anonymous" : "basic");
        using var request = identityGrant
            ? CreateRefreshTokenRequest(realm, service, scopeText, credential!)
            : CreateGetRequest(realm, service, scopes, credential);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryRequestFailedException(
                request.Method.Method, realm, null, [],
                $"The token service of {endpoint.Host} could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var user = credential?.Username ?? "(anonymous)";
                AuthLog.TokenServiceRefused(
                    logger, realmForLog.ToString(), (int)response.StatusCode, endpoint.Host, user);
                throw new RegistryAuthenticationException(
                    credential is null
                        ? $"The token service {realm.Authority} of registry {endpoint.Host} refused an anonymous token "
                          + $"for '{scopeText}'; the registry needs credentials."
                        : $"The token service {realm.Authority} of registry {endpoint.Host} refused the credentials "
                          + $"of user '{credential.Username}' for '{scopeText}'.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryErrors.FromResponseAsync(
                    response, $"The token service of {endpoint.Host} failed.", cancellationToken).ConfigureAwait(false);
            }

            byte[] body;
            try
            {
                body = await BoundedContent.ReadAsync(
                        response.Content, DistributionLimits.MaxTokenResponseBytes, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new RegistryRequestFailedException(
                    request.Method.Method, realm, response.StatusCode, [],
                    $"The token service of {endpoint.Host} sent an oversized reply.", ex);
            }

            var (token, lifetime) = ParseReply(body)
                ?? throw new RegistryRequestFailedException(
                    request.Method.Method, realm, response.StatusCode, [],
                    $"The token service of {endpoint.Host} sent a reply without a token.");
            AuthLog.TokenReceived(logger, endpoint.Host, scopeText, lifetime.TotalSeconds);
            return (token, lifetime);
        }
    }

    /// <summary>
    /// Reads <c>token</c> (or <c>access_token</c>) and <c>expires_in</c> (default 60 s) from a token reply;
    /// null when the reply holds no token.
    /// </summary>
    internal static (Secret Token, TimeSpan Lifetime)? ParseReply(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var token = ReadNonEmptyString(root, "token") ?? ReadNonEmptyString(root, "access_token");
            if (token is null)
            {
                return null;
            }

            var lifetime = DefaultLifetime;
            if (root.TryGetProperty("expires_in", out var expires)
                && expires.ValueKind == JsonValueKind.Number
                && expires.TryGetDouble(out var seconds)
                && seconds > 0
                && seconds < TimeSpan.FromDays(365).TotalSeconds)
            {
                lifetime = TimeSpan.FromSeconds(seconds);
            }

            return (new Secret(token), lifetime);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HttpRequestMessage CreateGetRequest(
        Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        if (!string.IsNullOrEmpty(service))
        {
            AppendParameter(query, "service", service);
        }

        foreach (var scope in scopes)
        {
            AppendParameter(query, "scope", scope);
        }

        var uri = new UriBuilder(realm) { Query = query.ToString() }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (credential is not null)
        {
            request.Headers.Authorization = BasicAuthorization(credential);
        }

        return request;
    }

    private static HttpRequestMessage CreateRefreshTokenRequest(
        Uri realm, string? service, string scope, RegistryCredential credential)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", credential.Password.Reveal()),
            new("client_id", ClientId),
        };
        if (!string.IsNullOrEmpty(service))
        {
            form.Add(new("service", service));
        }

        if (scope.Length > 0)
        {
            form.Add(new("scope", scope));
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    internal static AuthenticationHeaderValue BasicAuthorization(RegistryCredential credential) =>
        new(
            AuthenticationChallenge.BasicScheme,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password.Reveal())));

    private static void AppendParameter(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string? ReadNonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}

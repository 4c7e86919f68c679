using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Talks to one repository of one registry for one operation. Each request goes out anonymously (or with the
/// authorization the registry asked for last time); a 401 is answered once through the
/// <see cref="RegistryAuthenticator"/>, with the request rebuilt by its factory. Redirects of GET and HEAD are
/// followed here, at most 10, never from https to http, and the Authorization header goes only to the registry's
/// own scheme, host and port. Transport failures become <see cref="RegistryRequestFailedException"/>.
/// </summary>
internal sealed class RegistrySession
{
    private readonly RegistryAuthenticator _authenticator;
    private readonly ILogger _logger;

    public RegistrySession(
        HttpClient http,
        RegistryAuthenticator authenticator,
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        RegistryAccess access,
        ILogger logger)
    {
        Http = http;
        _authenticator = authenticator;
        Endpoint = endpoint;
        Credentials = credentials;
        Repository = repository;
        Scope = new RegistryScope(endpoint.Host, repository, access);
        _logger = logger;
    }

    public HttpClient Http { get; }

    public RegistryEndpoint Endpoint { get; }

    public IRegistryCredentialSource Credentials { get; }

    public string Repository { get; }

    public RegistryScope Scope { get; }

    /// <summary>The URI of <c>/v2/&lt;repository&gt;/&lt;suffix&gt;</c>.</summary>
    public Uri RepositoryUri(string suffix) => new(Endpoint.BaseUri, $"v2/{Repository}/{suffix}");

    /// <summary>
    /// Sends a request built by <paramref name="createRequest"/> (called again for a retry or a redirect, so it
    /// must build a fresh message with fresh content each time) and returns the final response, whatever its
    /// status, except that a 401 the handshake cannot cure throws <see cref="RegistryAuthenticationException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var authorization = await _authenticator.GetPreemptiveAsync(this, cancellationToken).ConfigureAwait(false);
        var response = await SendFollowingRedirectsAsync(createRequest, authorization, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !IsRegistryResponse(response))
        {
            return response;
        }

        var challenges = WwwAuthenticateParser.Parse(RawChallenges(response));
        response.Dispose();
        var retry = await _authenticator.AnswerChallengeAsync(this, challenges, authorization, cancellationToken)
            .ConfigureAwait(false);
        response = await SendFollowingRedirectsAsync(createRequest, retry, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && IsRegistryResponse(response))
        {
            response.Dispose();
            throw await _authenticator.RefusedAsync(this, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Like <see cref="SendAsync"/>, but throws the mapped exception (see <see cref="RegistryErrors"/>) for any
    /// status outside 2xx.
    /// </summary>
    public async Task<HttpResponseMessage> SendSuccessfulAsync(
        Func<HttpRequestMessage> createRequest, string? failureDetail, CancellationToken cancellationToken)
    {
        var response = await SendAsync(createRequest, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RegistryErrors.FromResponseAsync(response, failureDetail, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
        Func<HttpRequestMessage> createRequest,
        AuthenticationHeaderValue? authorization,
        CancellationToken cancellationToken)
    {
        var request = createRequest();
        for (var hop = 0; ; hop++)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
            if (authorization is not null && HostNames.IsSameOrigin(uri, Endpoint.BaseUri))
            {
                request.Headers.Authorization = authorization;
            }

            var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            var location = response.Headers.Location;
            var method = request.Method;
            if (!IsRedirect(response.StatusCode) || location is null
                || (method != HttpMethod.Get && method != HttpMethod.Head))
            {
                return response;
            }

            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            var status = response.StatusCode;
            response.Dispose();
            request.Dispose();
            if (hop + 1 > DistributionLimits.MaxRedirects)
            {
                throw new RegistryRequestFailedException(
                    method.Method, uri, status, [], $"More than {DistributionLimits.MaxRedirects} redirects.");
            }

            if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
            {
                throw new RegistryRequestFailedException(
                    method.Method, uri, status, [], $"The redirect to the scheme '{target.Scheme}' was refused.");
            }

            if (uri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
            {
                throw new RegistryRequestFailedException(
                    method.Method, uri, status, [],
                    $"The redirect from https to plain http ({target.Authority}) was refused.");
            }

            DistributionLog.RedirectFollowed(_logger, (int)status, HttpLogFormatter.WithoutQuery(target));
            if (authorization is not null && !HostNames.IsSameOrigin(target, Endpoint.BaseUri))
            {
                AuthLog.CredentialsDroppedOnRedirect(_logger, Endpoint.Host, target.Authority);
            }

            request = createRequest();
            request.RequestUri = target;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            request.Dispose();
            throw new RegistryRequestFailedException(
                request.Method.Method, uri, null, [], $"The request to {uri.Authority} failed: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            request.Dispose();
            throw new RegistryRequestFailedException(
                request.Method.Method, uri, null, [], $"The request to {uri.Authority} timed out.", ex);
        }
        finally
        {
            // The body has been sent (or abandoned) once the response headers are in: release its file handle.
            request.Content?.Dispose();
        }

        response.RequestMessage ??= request;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            DistributionLog.HttpExchange(
                _logger, request.Method.Method, HttpLogFormatter.WithoutQuery(uri), (int)response.StatusCode,
                HttpLogFormatter.FormatHeaders(response));
        }

        return response;
    }

    private bool IsRegistryResponse(HttpResponseMessage response) =>
        response.RequestMessage?.RequestUri is { } uri && HostNames.IsSameOrigin(uri, Endpoint.BaseUri);

    private static IEnumerable<string> RawChallenges(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values)
            ? values
            : [];

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

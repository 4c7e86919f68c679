using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>The registry's <c>GET /v2/</c> and the credential exchange.</summary>
internal sealed partial class ConnectionTester
{
    private async Task<StepResult> CheckRegistryAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(run, HttpMethod.Get, run.V2Uri, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsTlsFailure(e) && run.UntrustedCertificate is not null)
        {
            run.FailOnUntrustedCertificate();
            return StepResult.Skip("not checked after the failure above");
        }
        catch (HttpRequestException e)
        {
            return StepResult.Fail(ConnectionTestFailure.Host, $"GET /v2/ failed: {e.Message}");
        }

        using (response)
        {
            if (run.UntrustedCertificate is not null)
            {
                run.AcceptUntrustedCertificate(
                    run.UntrustedCertificate + "; the registry's HTTP client trusts it (its handler's own trust)");
            }

            var status = (int)response.StatusCode;
            var api = response.Headers.TryGetValues("Docker-Distribution-API-Version", out var versions)
                ? $" ({versions.First()})"
                : string.Empty;
            if (response.IsSuccessStatusCode)
            {
                run.OpenRegistry = true;
                return StepResult.Pass($"GET /v2/ answered {status} without credentials{api}");
            }

            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                var hint = response.StatusCode == HttpStatusCode.NotFound
                    ? ": this address does not serve the OCI Distribution API"
                    : string.Empty;
                return StepResult.Fail(
                    ConnectionTestFailure.Host, $"GET /v2/ answered {status} {response.StatusCode}{hint}");
            }

            var challenges = WwwAuthenticateParser.Parse(RawChallenges(response));
            run.ChallengeSchemes = string.Join(", ", challenges.Select(c => c.Scheme));
            run.Challenge = AuthenticationChallenge.ChooseUsable(challenges) ?? challenges.FirstOrDefault();
            if (run.Challenge is null)
            {
                return StepResult.Pass($"GET /v2/ answered 401 without a WWW-Authenticate challenge{api}");
            }

            var where = run.Challenge.IsBearer && Uri.TryCreate(run.Challenge.Realm, UriKind.Absolute, out var realm)
                ? $", token service {realm.GetLeftPart(UriPartial.Path)}"
                : string.Empty;
            return StepResult.Pass($"GET /v2/ answered 401 with a {run.Challenge.Scheme} challenge{where}{api}");
        }
    }

    private async Task<StepResult> CheckCredentialsAsync(ConnectionTestRun run, CancellationToken cancellationToken)
    {
        var scope = new RegistryScope(run.Endpoint.Host, run.Repository, RegistryAccess.PullPush);
        if (run.LoginCredential is { } given)
        {
            run.Credential = given;
        }
        else
        {
            try
            {
                run.Credential = await run.Provider.Credentials.GetCredentialAsync(scope, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RegistryAuthenticationException e)
            {
                return StepResult.Fail(
                    ConnectionTestFailure.Credentials, $"the credential exchange was refused: {e.Message}");
            }
            catch (RegistryRequestFailedException e)
            {
                return ExchangeFailed(e);
            }
            catch (RegistryConfigurationException e)
            {
                return StepResult.Fail(ConnectionTestFailure.Credentials, e.Message);
            }
        }

        if (run.OpenRegistry)
        {
            return StepResult.Pass(
                run.Credential is null
                    ? "no credentials configured; the registry lets anyone in at /v2/"
                    : $"the registry asked for no credentials at /v2/; {run.Who} is sent when it asks");
        }

        if (run.Challenge is null || !(run.Challenge.IsBasic || run.Challenge.IsBearer))
        {
            var schemes = run.ChallengeSchemes.Length == 0 ? "no challenge" : run.ChallengeSchemes;
            return StepResult.Fail(
                ConnectionTestFailure.Credentials,
                $"the registry answered 401 with {schemes}; only Basic and Bearer authentication are supported");
        }

        // A login is checked as docker login checks it: with a registry-wide token, for no repository.
        string[] scopes = run.LoginCredential is null ? [scope.ToTokenScope()] : [];
        var (authorization, how, failure) = await AuthorizeAsync(run, run.Challenge, scopes, cancellationToken)
            .ConfigureAwait(false);
        if (failure is { } refused)
        {
            // A token service may refuse the whole token when the push action is not allowed: if it grants pull,
            // the credentials are good and the permission is what is missing.
            if (!run.Challenge.IsBearer || refused.Failure != ConnectionTestFailure.Credentials
                || run.Credential is null || run.LoginCredential is not null)
            {
                return refused;
            }

            var pull = new RegistryScope(run.Endpoint.Host, run.Repository, RegistryAccess.Pull).ToTokenScope();
            var pullOnly = await AuthorizeAsync(run, run.Challenge, [pull], cancellationToken).ConfigureAwait(false);
            if (pullOnly.Failure is not null)
            {
                return refused;
            }

            (authorization, how) = (pullOnly.Authorization, pullOnly.How);
            run.PushRefusal = $"the token service grants {run.Who} pull but refused push to {run.Repository}: "
                + refused.Detail;
        }

        run.Authorization = authorization;
        using var response = await SendAsync(run, HttpMethod.Get, run.V2Uri, authorization, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return StepResult.Pass($"{run.Who} accepted{how}");
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized when run.Challenge.IsBearer => StepResult.Fail(
                ConnectionTestFailure.Credentials,
                $"the registry refused the token issued to {run.Who} (401 on GET /v2/)"),
            HttpStatusCode.Unauthorized => StepResult.Fail(
                ConnectionTestFailure.Credentials,
                $"the registry refused {run.Who}: the user name or password is wrong (401 on GET /v2/)"),
            HttpStatusCode.Forbidden => StepResult.Fail(
                ConnectionTestFailure.Credentials,
                $"the registry let {run.Who} log in but forbids it (403 on GET /v2/)"),
            _ => StepResult.Fail(
                ConnectionTestFailure.Host,
                $"GET /v2/ with credentials answered {(int)response.StatusCode} {response.StatusCode}"),
        };
    }

    /// <summary>
    /// Builds the authorization a challenge asks for: Basic with the credential (never to another host: requests
    /// carry it only to the registry's origin), or a Bearer token for <paramref name="scopes"/> from a realm that
    /// passes <see cref="RealmValidator"/>. Gives a failed step instead when that is not possible.
    /// </summary>
    private async Task<(AuthenticationHeaderValue? Authorization, string How, StepResult? Failure)> AuthorizeAsync(
        ConnectionTestRun run,
        AuthenticationChallenge challenge,
        IReadOnlyList<string> scopes,
        CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            return run.Credential is null
                ? (null, string.Empty, StepResult.Fail(
                    ConnectionTestFailure.Credentials,
                    "the registry asks for a user name and password (Basic), and the connection has none"))
                : (BearerTokenClient.BasicAuthorization(run.Credential), " (Basic)", null);
        }

        Uri realm;
        try
        {
            realm = RealmValidator.Validate(run.Endpoint, challenge, _trustedRealmHosts);
        }
        catch (RegistryAuthenticationException e)
        {
            return (null, string.Empty, StepResult.Fail(ConnectionTestFailure.Credentials, e.Message));
        }

        try
        {
            var (token, lifetime) = await BearerTokenClient.FetchAsync(
                    run.Http,
                    run.Endpoint,
                    realm,
                    challenge.Service,
                    scopes.Where(s => s.Length > 0).ToArray(),
                    run.Credential,
                    _logger.IsEnabled(LogLevel.Debug) ? _logger : NullLogger.Instance,
                    cancellationToken)
                .ConfigureAwait(false);
            var what = scopes.Count == 0 ? "the registry" : string.Join(' ', scopes);
            var how = $" (a token for {what} from {realm.Authority}, "
                + $"valid {lifetime.TotalSeconds:0} s)";
            return (new AuthenticationHeaderValue(AuthenticationChallenge.BearerScheme, token.Reveal()), how, null);
        }
        catch (RegistryAuthenticationException e)
        {
            return (null, string.Empty, StepResult.Fail(ConnectionTestFailure.Credentials, e.Message));
        }
        catch (RegistryRequestFailedException e)
        {
            return (null, string.Empty, ExchangeFailed(e));
        }
    }

    /// <summary>A token service that cannot be reached or fails is a host failure; one that refuses is not.</summary>
    private static StepResult ExchangeFailed(RegistryRequestFailedException e) =>
        e.StatusCode is null or >= HttpStatusCode.InternalServerError
            ? StepResult.Fail(ConnectionTestFailure.Host, $"the token service failed: {e.Message}")
            : StepResult.Fail(ConnectionTestFailure.Credentials, $"the credential exchange failed: {e.Message}");

    /// <summary>
    /// Sends one request through the named client, attaching <paramref name="authorization"/> only when the target
    /// has the registry's scheme, host and port. Redirects are not followed (the named client's handler does not).
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(
        ConnectionTestRun run,
        HttpMethod method,
        Uri uri,
        AuthenticationHeaderValue? authorization,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (authorization is not null && HostNames.IsSameOrigin(uri, run.Endpoint.BaseUri))
        {
            request.Headers.Authorization = authorization;
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        return await run.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
    }

    private static IEnumerable<string> RawChallenges(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) ? values : [];

    private static bool IsTlsFailure(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException;
}

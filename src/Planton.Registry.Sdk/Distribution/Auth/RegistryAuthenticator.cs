using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The registry authentication handshake, shared by every session of one client: it remembers which challenge
/// each registry sent (so later requests go authenticated from the start), answers Basic challenges with the
/// credential source's credential, and Bearer challenges with a token from a validated realm, cached per
/// registry, realm, service, scope and identity.
/// </summary>
internal sealed class RegistryAuthenticator
{
    private readonly ConcurrentDictionary<string, AuthenticationChallenge> _challenges =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly RegistryTokenCache _tokens;
    private readonly IReadOnlyList<string> _trustedRealmHosts;
    private readonly ILogger _logger;

    public RegistryAuthenticator(RegistryTokenCache tokens, IEnumerable<string> trustedRealmHosts, ILogger logger)
    {
        _tokens = tokens;
        _trustedRealmHosts = trustedRealmHosts
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h.Trim())
            .ToArray();
        _logger = logger;
    }

    /// <summary>
    /// The authorization to send before any challenge, from the challenge the registry sent last time; null when
    /// none is known or it needs no credentials.
    /// </summary>
    public async ValueTask<AuthenticationHeaderValue?> GetPreemptiveAsync(
        RegistrySession session, CancellationToken cancellationToken)
    {
        if (!_challenges.TryGetValue(session.Endpoint.Host, out var challenge))
        {
            return null;
        }

        return await AuthorizeAsync(session, challenge, null, includeChallengeScope: false, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a 401: picks the Bearer (else Basic) challenge, remembers it, and gives the authorization to retry
    /// with. Throws <see cref="RegistryAuthenticationException"/> when no supported challenge came, no credentials
    /// exist for Basic, or the answer would repeat the <paramref name="rejected"/> authorization.
    /// </summary>
    public async Task<AuthenticationHeaderValue> AnswerChallengeAsync(
        RegistrySession session,
        IReadOnlyList<AuthenticationChallenge> challenges,
        AuthenticationHeaderValue? rejected,
        CancellationToken cancellationToken)
    {
        var host = session.Endpoint.Host;
        var challenge = AuthenticationChallenge.ChooseUsable(challenges);
        if (challenge is null)
        {
            var schemes = challenges.Count == 0
                ? "no WWW-Authenticate challenge"
                : string.Join(", ", challenges.Select(c => c.Scheme));
            var reason = challenges.Any(c => c.IsBearer)
                ? "a Bearer challenge must name the realm to fetch a token from"
                : "only Basic and Bearer authentication are supported";
            throw new RegistryAuthenticationException($"The registry {host} answered 401 with {schemes}; {reason}.");
        }

        AuthLog.Challenge(_logger, host, challenge.Scheme);
        _challenges[host] = challenge;
        var authorization = await AuthorizeAsync(
                session, challenge, rejected, includeChallengeScope: true, cancellationToken)
            .ConfigureAwait(false);
        if (authorization is null)
        {
            AuthLog.NoCredentials(_logger, host);
            throw new RegistryAuthenticationException(
                $"The registry {host} requires credentials for {session.Scope.ToTokenScope()}, and none were given.");
        }

        if (rejected is not null
            && string.Equals(authorization.Scheme, rejected.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(authorization.Parameter, rejected.Parameter, StringComparison.Ordinal))
        {
            throw await RefusedAsync(session, cancellationToken).ConfigureAwait(false);
        }

        return authorization;
    }

    /// <summary>Builds the error for credentials the registry refused even after a fresh handshake.</summary>
    public async Task<RegistryAuthenticationException> RefusedAsync(
        RegistrySession session, CancellationToken cancellationToken)
    {
        var credential = await session.Credentials.GetCredentialAsync(session.Scope, cancellationToken)
            .ConfigureAwait(false);
        var host = session.Endpoint.Host;
        var scope = session.Scope.ToTokenScope();
        if (credential is null)
        {
            AuthLog.NoCredentials(_logger, host);
            return new RegistryAuthenticationException(
                $"The registry {host} refused anonymous access to {scope}; it needs credentials.");
        }

        AuthLog.CredentialsRefused(_logger, host, credential.Username);
        return new RegistryAuthenticationException(
            $"The registry {host} refused the credentials of user '{credential.Username}' for {scope}: the user name "
            + "or password is wrong, or the user lacks that access.");
    }

    private async ValueTask<AuthenticationHeaderValue?> AuthorizeAsync(
        RegistrySession session,
        AuthenticationChallenge challenge,
        AuthenticationHeaderValue? rejected,
        bool includeChallengeScope,
        CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            var basic = await session.Credentials.GetCredentialAsync(session.Scope, cancellationToken)
                .ConfigureAwait(false);
            return basic is null ? null : BearerTokenClient.BasicAuthorization(basic);
        }

        Uri realm;
        try
        {
            realm = RealmValidator.Validate(session.Endpoint, challenge, _trustedRealmHosts);
        }
        catch (RegistryAuthenticationException)
        {
            AuthLog.RealmRefused(_logger, session.Endpoint.Host);
            throw;
        }

        var credential = await session.Credentials.GetCredentialAsync(session.Scope, cancellationToken)
            .ConfigureAwait(false);
        var scopes = ScopesFor(session.Scope, challenge, includeChallengeScope);
        var key = new TokenCacheKey(
            session.Endpoint.Host, realm.GetLeftPart(UriPartial.Path), challenge.Service ?? string.Empty,
            string.Join(' ', scopes), Identity(credential));
        var rejectedToken = rejected is not null
            && string.Equals(rejected.Scheme, AuthenticationChallenge.BearerScheme, StringComparison.OrdinalIgnoreCase)
            && rejected.Parameter is not null
                ? new Secret(rejected.Parameter)
                : null;
        var token = await _tokens.GetOrFetchAsync(
                key,
                rejectedToken,
                ct => BearerTokenClient.FetchAsync(
                    session.Http, session.Endpoint, realm, challenge.Service, scopes, credential, _logger, ct),
                cancellationToken)
            .ConfigureAwait(false);
        return new AuthenticationHeaderValue(AuthenticationChallenge.BearerScheme, token.Reveal());
    }

    private static List<string> ScopesFor(
        RegistryScope scope, AuthenticationChallenge challenge, bool includeChallengeScope)
    {
        var scopes = new List<string>();
        var own = scope.ToTokenScope();
        if (own.Length > 0)
        {
            scopes.Add(own);
        }

        if (includeChallengeScope
            && string.Equals(challenge.Error, "insufficient_scope", StringComparison.Ordinal)
            && challenge.Scope is { Length: > 0 } asked)
        {
            foreach (var extra in asked.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!scopes.Contains(extra, StringComparer.Ordinal))
                {
                    scopes.Add(extra);
                }
            }
        }

        return scopes;
    }

    /// <summary>The user name and a SHA-256 of the secret; a cache key part that is never logged.</summary>
    private static string Identity(RegistryCredential? credential)
    {
        if (credential is null)
        {
            return "(anonymous)";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(credential.Password.Reveal()));
        var kind = credential.IsIdentityToken ? "identity" : "password";
        return $"{credential.Username}\n{kind}\n{Convert.ToHexStringLower(hash)}";
    }
}

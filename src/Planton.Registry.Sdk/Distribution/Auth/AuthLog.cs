using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Log events of the registry authentication handshake, event ids 1000 to 1999. They carry hosts, schemes, scopes
/// and user names; never a secret, a token, a header value or a query string.
/// </summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1000, EventName = "RegistryChallenge", Level = LogLevel.Debug,
        Message = "Registry {Registry} asked for {Scheme} authentication")]
    public static partial void Challenge(ILogger logger, string registry, string scheme);

    [LoggerMessage(EventId = 1001, EventName = "TokenRequested", Level = LogLevel.Debug,
        Message = "Requesting a token for registry {Registry} from {Realm} for scope '{Scope}' with grant {Grant}")]
    public static partial void TokenRequested(
        ILogger logger, string registry, string realm, string scope, string grant);

    [LoggerMessage(EventId = 1002, EventName = "TokenReceived", Level = LogLevel.Debug,
        Message = "Received a token for registry {Registry} and scope '{Scope}', valid for {LifetimeSeconds} s")]
    public static partial void TokenReceived(ILogger logger, string registry, string scope, double lifetimeSeconds);

    [LoggerMessage(EventId = 1003, EventName = "CredentialsRefused", Level = LogLevel.Warning,
        Message = "Registry {Registry} refused the credentials of {User}")]
    public static partial void CredentialsRefused(ILogger logger, string registry, string user);

    [LoggerMessage(EventId = 1004, EventName = "RealmRefused", Level = LogLevel.Warning,
        Message = "Refused the token service that registry {Registry} named; no credentials were sent")]
    public static partial void RealmRefused(ILogger logger, string registry);

    [LoggerMessage(EventId = 1005, EventName = "CredentialsDroppedOnRedirect", Level = LogLevel.Debug,
        Message = "Following a redirect from registry {Registry} to {Host} without credentials")]
    public static partial void CredentialsDroppedOnRedirect(ILogger logger, string registry, string host);

    [LoggerMessage(EventId = 1006, EventName = "TokenServiceRefused", Level = LogLevel.Warning,
        Message = "Token service {Realm} answered {StatusCode} for registry {Registry} and user {User}")]
    public static partial void TokenServiceRefused(
        ILogger logger, string realm, int statusCode, string registry, string user);

    [LoggerMessage(EventId = 1007, EventName = "NoCredentials", Level = LogLevel.Warning,
        Message = "Registry {Registry} requires credentials, and the credential source gave none")]
    public static partial void NoCredentials(ILogger logger, string registry);
}

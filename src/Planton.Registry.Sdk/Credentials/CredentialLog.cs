using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// Log events of the cloud credential exchanges and their cache (event ids 1100–1119). Hosts, users, expiry times and
/// error codes only: never a secret, a token, a key or a request body.
/// </summary>
internal static partial class CredentialLog
{
    [LoggerMessage(EventId = 1100, EventName = "CredentialExchangeStarted", Level = LogLevel.Debug,
        Message = "Exchanging {Provider} credentials of {Identity} (scope '{Scope}')")]
    public static partial void ExchangeStarted(ILogger logger, string provider, string identity, string scope);

    [LoggerMessage(EventId = 1101, EventName = "CredentialExchangeCompleted", Level = LogLevel.Debug,
        Message = "Obtained {Provider} credentials of {Identity} for user {Username}, expiring {ExpiresOn:O}")]
    public static partial void ExchangeCompleted(
        ILogger logger, string provider, string identity, string username, DateTimeOffset? expiresOn);

    [LoggerMessage(EventId = 1102, EventName = "CredentialExchangeRefused", Level = LogLevel.Warning,
        Message = "{Provider} token service {Endpoint} refused the credentials with {Status} {Code}")]
    public static partial void ExchangeRefused(
        ILogger logger, string provider, string endpoint, int status, string code);

    [LoggerMessage(EventId = 1103, EventName = "CredentialRefreshFailed", Level = LogLevel.Warning,
        Message = "Refreshing the {Provider} credentials of {Identity} failed; the cached ones stay valid until "
            + "{ExpiresOn:O}")]
    public static partial void RefreshFailedServingCached(
        ILogger logger, string provider, string identity, DateTimeOffset expiresOn, Exception exception);

    [LoggerMessage(EventId = 1104, EventName = "CredentialCached", Level = LogLevel.Debug,
        Message = "Cached the {Provider} credentials of {Identity}: refresh at {RefreshAt:O}, expiry {ExpiresOn:O}")]
    public static partial void Cached(
        ILogger logger, string provider, string identity, DateTimeOffset refreshAt, DateTimeOffset? expiresOn);

    [LoggerMessage(EventId = 1105, EventName = "EcrApiCall", Level = LogLevel.Debug,
        Message = "ECR API {Operation} at {Endpoint} ({Region})")]
    public static partial void EcrCall(ILogger logger, string operation, string endpoint, string region);

    [LoggerMessage(EventId = 1106, EventName = "EcrRepositoryCreated", Level = LogLevel.Information,
        Message = "Created the ECR repository {Repository} in account {Account} ({Region})")]
    public static partial void EcrRepositoryCreated(ILogger logger, string repository, string account, string region);

    [LoggerMessage(EventId = 1107, EventName = "EcrRepositoryCheckSkipped", Level = LogLevel.Warning,
        Message = "Could not check that the ECR repository {Repository} exists (DescribeRepositories refused); "
            + "pushing anyway")]
    public static partial void EcrRepositoryCheckSkipped(ILogger logger, string repository, Exception exception);
}

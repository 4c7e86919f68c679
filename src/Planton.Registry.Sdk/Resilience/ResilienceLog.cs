using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// Log events of retries, event ids 2100 to 2119. URIs are logged without their query (presigned URLs carry secrets
/// there); no header, body or exception message is logged.
/// </summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 2100, EventName = "RequestRetrying", Level = LogLevel.Debug,
        Message = "{Method} {Uri} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {DelayMilliseconds} ms")]
    public static partial void Retrying(
        ILogger logger, string method, Uri uri, string reason, int attempt, int maxAttempts, double delayMilliseconds);

    [LoggerMessage(EventId = 2101, EventName = "RequestGaveUp", Level = LogLevel.Warning,
        Message = "{Method} {Uri} failed ({Reason}) after {Attempts} attempts; giving up")]
    public static partial void GaveUp(ILogger logger, string method, Uri uri, string reason, int attempts);

    [LoggerMessage(EventId = 2102, EventName = "RequestTimedOut", Level = LogLevel.Warning,
        Message = "{Method} {Uri} timed out after {TimeoutSeconds} s with its retries")]
    public static partial void TimedOut(ILogger logger, string method, Uri uri, double timeoutSeconds);
}

using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// Log events of connection tests, event ids 5000 to 5099. They carry connection names, hosts, repositories and what
/// each check saw; never a secret, a token or a header value.
/// </summary>
internal static partial class ConnectionTestLog
{
    [LoggerMessage(EventId = 5000, EventName = "ConnectionTestStep", Level = LogLevel.Debug,
        Message = "Connection test {Stage}: {Outcome}, {Detail} ({Milliseconds} ms)")]
    public static partial void Step(
        ILogger logger, ConnectionTestStage stage, ConnectionTestOutcome outcome, string detail, double milliseconds);

    [LoggerMessage(EventId = 5001, EventName = "ConnectionTestFinished", Level = LogLevel.Information,
        Message = "Connection test of {Connection} at {Registry}/{Repository} finished: failure {Failure}")]
    public static partial void Finished(
        ILogger logger, string connection, string registry, string repository, ConnectionTestFailure failure);
}

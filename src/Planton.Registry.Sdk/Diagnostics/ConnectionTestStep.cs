namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>One check of a connection test and how it ended. Holds no secret.</summary>
/// <param name="Stage">Which check.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">What was seen, such as <c>127.0.0.1:5001 connected</c> or the registry's answer.</param>
/// <param name="Duration">How long the check took, measured with the tester's <see cref="TimeProvider"/>.</param>
public sealed record ConnectionTestStep(
    ConnectionTestStage Stage,
    ConnectionTestOutcome Outcome,
    string Detail,
    TimeSpan Duration)
{
    /// <summary>The area a check belongs to, as the command line labels it: <c>host</c> for DNS, TCP and TLS.</summary>
    public string Area => Stage switch
    {
        ConnectionTestStage.Dns or ConnectionTestStage.Tcp or ConnectionTestStage.Tls => "host",
        ConnectionTestStage.Registry => "registry",
        ConnectionTestStage.Credentials => "credentials",
        ConnectionTestStage.Permission => "permission",
        _ => "repository",
    };

    /// <summary>
    /// Formats the step as the command line prints it: status, area, detail and duration, such as
    /// <c>ok   host       127.0.0.1:5001 connected (3 ms)</c>.
    /// </summary>
    /// <returns>One line without a line break.</returns>
    public override string ToString()
    {
        var status = Outcome switch
        {
            ConnectionTestOutcome.Passed => "ok",
            ConnectionTestOutcome.Failed => "FAIL",
            _ => "skip",
        };
        var time = Outcome == ConnectionTestOutcome.Skipped
            ? string.Empty
            : $" ({Math.Round(Duration.TotalMilliseconds, MidpointRounding.AwayFromZero):0} ms)";
        return $"{status,-4} {Area,-10} {Detail}{time}";
    }
}

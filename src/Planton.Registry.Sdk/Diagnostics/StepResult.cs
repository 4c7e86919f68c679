namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// How one check ended, before it is timed and recorded. <see cref="RecordAs"/> moves a failure to the stage it
/// belongs to: an upload refused because the repository is missing is a repository failure, not a permission one.
/// </summary>
internal readonly record struct StepResult(
    ConnectionTestOutcome Outcome,
    string Detail,
    ConnectionTestFailure Failure = ConnectionTestFailure.None,
    ConnectionTestStage? RecordAs = null)
{
    public static StepResult Pass(string detail) => new(ConnectionTestOutcome.Passed, detail);

    public static StepResult Skip(string detail) => new(ConnectionTestOutcome.Skipped, detail);

    public static StepResult Fail(ConnectionTestFailure failure, string detail, ConnectionTestStage? recordAs = null) =>
        new(ConnectionTestOutcome.Failed, detail, failure, recordAs);
}

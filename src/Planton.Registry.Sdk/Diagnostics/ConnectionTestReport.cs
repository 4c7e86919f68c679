using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// What a connection test found: every check in order, which area is wrong (if any) and the provider's own remedy.
/// Holds no secret: user names may appear, passwords and tokens never do.
/// </summary>
public sealed class ConnectionTestReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="provider">The connection's provider.</param>
    /// <param name="registry">The registry host with its port, as references write it.</param>
    /// <param name="repository">The repository path the test used.</param>
    /// <param name="steps">The checks, in order.</param>
    /// <param name="failure">What is wrong, or <see cref="ConnectionTestFailure.None"/>.</param>
    /// <param name="remedy">What to do about the failure, in the provider's terms; null when nothing failed.</param>
    /// <param name="duration">How long the whole test took.</param>
    public ConnectionTestReport(
        string connectionName,
        RegistryProviderKind provider,
        string registry,
        string repository,
        IReadOnlyList<ConnectionTestStep> steps,
        ConnectionTestFailure failure,
        string? remedy,
        TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(connectionName);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(steps);
        ConnectionName = connectionName;
        Provider = provider;
        Registry = registry;
        Repository = repository;
        Steps = steps;
        Failure = failure;
        Remedy = remedy;
        Duration = duration;
    }

    /// <summary>The connection's name.</summary>
    public string ConnectionName { get; }

    /// <summary>The connection's provider.</summary>
    public RegistryProviderKind Provider { get; }

    /// <summary>The registry host with its port (<c>ghcr.io</c>, <c>127.0.0.1:5001</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path the test opened an upload session in, with the provider's prefix.</summary>
    public string Repository { get; }

    /// <summary>
    /// Every check, in the order it ran; checks after a failure are <see cref="ConnectionTestOutcome.Skipped"/>.
    /// </summary>
    public IReadOnlyList<ConnectionTestStep> Steps { get; }

    /// <summary>Which area is wrong; <see cref="ConnectionTestFailure.None"/> when the connection may push.</summary>
    public ConnectionTestFailure Failure { get; }

    /// <summary>What to do about <see cref="Failure"/>, in the provider's terms; null when nothing failed.</summary>
    public string? Remedy { get; }

    /// <summary>How long the whole test took, measured with the tester's <see cref="TimeProvider"/>.</summary>
    public TimeSpan Duration { get; }

    /// <summary>True when every check that ran passed.</summary>
    public bool Succeeded => Failure == ConnectionTestFailure.None;

    /// <summary>
    /// The verdict line the command line prints last: <c>ok   verdict    ...</c> when nothing failed (saying whether
    /// push permission was checked), else <c>FAIL verdict    &lt;area&gt;: &lt;remedy&gt;</c>.
    /// </summary>
    /// <returns>One line without a line break.</returns>
    public string Verdict()
    {
        if (!Succeeded)
        {
            return $"FAIL verdict    {Failure.ToString().ToLowerInvariant()}: {Remedy}";
        }

        var pushChecked = Steps.Any(s =>
            s.Stage == ConnectionTestStage.Permission && s.Outcome == ConnectionTestOutcome.Passed);
        return pushChecked
            ? $"ok   verdict    {ConnectionName} may push to {Registry}/{Repository}"
            : $"ok   verdict    {ConnectionName} reaches {Registry} and its credentials work; push permission was "
              + "not checked";
    }

    /// <summary>Formats every step and the verdict, one per line, as the command line prints them.</summary>
    /// <returns>The lines joined by <see cref="Environment.NewLine"/>.</returns>
    public override string ToString() =>
        string.Join(Environment.NewLine, Steps.Select(s => s.ToString()).Append(Verdict()));
}

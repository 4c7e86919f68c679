using System.CommandLine;
using Planton.Registry.Sdk.Diagnostics;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>test --connection FILE [--image NAME]</c>: runs the connection test and prints one line per check and a verdict.
/// Exits 0 when the connection may push, 3 when credentials or permission are refused, 4 when the repository is
/// missing, 1 when the host cannot be reached, 2 when the connection is invalid.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var image = new Option<string?>("--image")
        {
            Description = "The image to test push permission for, such as billing-api (default "
                + "planton-connection-test); name it for ECR, where each image is its own repository.",
        };
        var command = new Command(
            "test",
            "Check that the connection's credentials work and may push; say which of host, credentials, permission or "
            + "repository is wrong, and what to do about it.");
        command.Options.Add(connectionFile);
        command.Options.Add(image);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var report = await session.Get<IConnectionTester>()
                .TestAsync(session.Provider, parseResult.GetValue(image), cancellationToken)
                .ConfigureAwait(false);
            foreach (var step in report.Steps)
            {
                context.Stdout.WriteLine(step.ToString());
            }

            context.Stdout.WriteLine(report.Verdict());
            return ExitCodeOf(report.Failure);
        });
        return command;
    }

    /// <summary>The exit code of a test's failure.</summary>
    public static int ExitCodeOf(ConnectionTestFailure failure) => failure switch
    {
        ConnectionTestFailure.None => ExitCodes.Success,
        ConnectionTestFailure.Credentials or ConnectionTestFailure.Permission => ExitCodes.AuthenticationFailed,
        ConnectionTestFailure.Repository => ExitCodes.NotFound,
        _ => ExitCodes.Failure,
    };
}

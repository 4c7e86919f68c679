using System.CommandLine;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>maven-settings --connection FILE [--out PATH] [--env-placeholders]</c>: merges a server and repository.
/// </summary>
internal static class MavenSettingsCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var output = new Option<string>("--out")
        {
            Description = "The settings.xml to write or merge; default ~/.m2/settings.xml.",
        };
        var placeholders = CommonOptions.EnvironmentPlaceholders();
        var command = new Command(
            "maven-settings",
            "Write or merge a <server> (id = the connection's Name) and its repository into Maven settings.xml.");
        command.Options.Add(connectionFile);
        command.Options.Add(output);
        command.Options.Add(placeholders);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var provider = session.Provider;
            var entry = await ToolConfigEntries.ForMavenAsync(provider, cancellationToken).ConfigureAwait(false);
            var path = parseResult.GetValue(output) ?? ToolConfigPaths.GetDefaultMavenSettingsPath();
            var options = new MavenSettingsWriteOptions
            {
                UseEnvironmentPlaceholders = parseResult.GetValue(placeholders),
            };
            var result = await MavenSettingsWriter.WriteAsync(path, [entry], options, cancellationToken)
                .ConfigureAwait(false);
            ToolConfigOutput.Print(context, result);
            return ExitCodes.Success;
        });
        return command;
    }
}

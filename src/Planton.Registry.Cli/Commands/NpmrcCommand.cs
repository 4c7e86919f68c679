using System.CommandLine;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>npmrc --connection FILE [--scope @SCOPE] [--out PATH] [--env-placeholders]</c>: writes or merges .npmrc lines.
/// </summary>
internal static class NpmrcCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var scope = new Option<string>("--scope") { Description = "The package scope, such as @acme." };
        var output = new Option<string>("--out")
        {
            Description = "The .npmrc to write or merge; default $NPM_CONFIG_USERCONFIG or ~/.npmrc.",
        };
        var placeholders = CommonOptions.EnvironmentPlaceholders();
        var command = new Command(
            "npmrc",
            "Write or merge the .npmrc lines of an npm connection, keeping every other line.");
        command.Options.Add(connectionFile);
        command.Options.Add(scope);
        command.Options.Add(output);
        command.Options.Add(placeholders);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var provider = session.Provider;
            var entry = await ToolConfigEntries.ForNpmAsync(provider, parseResult.GetValue(scope), cancellationToken)
                .ConfigureAwait(false);
            var path = parseResult.GetValue(output) ?? ToolConfigPaths.GetDefaultNpmrcPath();
            var options = new NpmrcWriteOptions { UseEnvironmentPlaceholders = parseResult.GetValue(placeholders) };
            var result = await NpmrcWriter.WriteAsync(path, [entry], options, cancellationToken).ConfigureAwait(false);
            ToolConfigOutput.Print(context, result);
            return ExitCodes.Success;
        });
        return command;
    }
}

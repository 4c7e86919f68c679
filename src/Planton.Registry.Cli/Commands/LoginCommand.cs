using System.CommandLine;
using System.Globalization;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>login --connection FILE [--docker-config PATH] [--no-verify]</c>: gets the connection's registry credential,
/// checks it against the registry (as <c>docker login</c> does) and merges it into a docker <c>config.json</c>.
/// Prints one line per host: <c>HOST expires 2026-12-04T18:00:00Z</c> (UTC) or <c>HOST expires never</c>.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var dockerConfig = new Option<FileInfo>("--docker-config")
        {
            Description = "The docker config.json to merge into; default $DOCKER_CONFIG/config.json or "
                + "~/.docker/config.json.",
        };
        var noVerify = new Option<bool>("--no-verify")
        {
            Description = "Write the credential without first checking it against the registry.",
        };
        var command = new Command(
            "login",
            "Get registry credentials, check them against the registry (an authenticated GET /v2/, after a token "
            + "where the registry wants one; skip with --no-verify) and merge them into a docker config.json, "
            + "keeping every other entry; print the host and when the credential expires. A refused credential "
            + "exits 3 and an unreachable registry 1, with the file unchanged.");
        command.Options.Add(connectionFile);
        command.Options.Add(dockerConfig);
        command.Options.Add(noVerify);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var result = await session.Get<IDockerConfigLogin>()
                .LoginAsync(
                    session.Connection.Name!,
                    parseResult.GetValue(dockerConfig)?.FullName,
                    !parseResult.GetValue(noVerify),
                    cancellationToken)
                .ConfigureAwait(false);
            foreach (var warning in result.Write.Warnings)
            {
                context.Stderr.WriteLine($"warning: {warning}");
            }

            context.Stderr.WriteLine(
                $"logged in to {string.Join(", ", result.Hosts)} as {result.Username}; "
                + $"{(result.Write.Changed ? "merged into" : "already in")} {result.Write.Path}");
            var expires = result.ExpiresOn is { } at
                ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : "never";
            foreach (var host in result.Hosts)
            {
                context.Stdout.WriteLine($"{host} expires {expires}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

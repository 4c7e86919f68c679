using System.CommandLine;
using System.Text.Json;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Cli.Commands;

/// <summary><c>ref parse REF [--json]</c> and <c>ref build --connection FILE --image NAME --tag TAG</c>.</summary>
internal static class RefCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("ref", "Parse image references, or build one for a connection.");
        command.Subcommands.Add(CreateParse(context));
        command.Subcommands.Add(CreateBuild(context));
        return command;
    }

    private static Command CreateParse(CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "The image reference to parse." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("parse", "Parse an image reference with the full OCI/Docker grammar.");
        command.Arguments.Add(reference);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var parsed = ImageReference.Parse(parseResult.GetValue(reference)!);
            if (parseResult.GetValue(json))
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(
                    new RefParseOutput(parsed.Registry, parsed.Repository, parsed.Tag, parsed.Digest, parsed.Canonical),
                    CliJsonContext.Default.RefParseOutput));
            }
            else
            {
                context.Stdout.WriteLine(parsed.Canonical);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateBuild(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var image = CommonOptions.Required("--image", "The image name, such as billing-api.");
        var tag = CommonOptions.Required("--tag", "The tag, usually the commit SHA.");
        var command = new Command("build", "Print <registry-host>/<repository-path>:<tag> for a connection.");
        command.Options.Add(connectionFile);
        command.Options.Add(image);
        command.Options.Add(tag);
        command.SetAction(parseResult =>
        {
            using var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            var built = session.Provider.BuildImageReference(parseResult.GetValue(image)!, parseResult.GetValue(tag)!);
            context.Stdout.WriteLine(built.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}

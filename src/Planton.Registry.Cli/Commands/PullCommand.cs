using System.CommandLine;
using Planton.Registry.Sdk.Images;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>pull --connection FILE --ref REF --layout DIR</c>: pulls into an OCI image layout, verifying every digest.
/// </summary>
internal static class PullCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var reference = CommonOptions.Required("--ref", "The image to pull, on the connection's registry.");
        var layout = CommonOptions.Required(
            "--layout",
            "The OCI image layout directory to write; created when missing.");
        var command = new Command("pull", "Pull an image into an OCI image layout directory, verifying every digest.");
        command.Options.Add(connectionFile);
        command.Options.Add(reference);
        command.Options.Add(layout);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var parsed = ImageReference.Parse(parseResult.GetValue(reference)!);
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var provider = session.Provider;
            var result = await session.Get<IImageTransfer>().PullAsync(
                    provider, parsed, parseResult.GetValue(layout)!, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            context.Stderr.WriteLine(
                $"pulled {result.BlobsDownloaded} blob(s), {result.BytesDownloaded} bytes, verified");
            context.Stdout.WriteLine(result.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Planton.Registry.Cli.Progress;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>push --connection FILE --layout DIR --image NAME --tag TAG</c>: prints <c>&lt;reference&gt;@&lt;digest&gt;</c>.
/// </summary>
internal static class PushCommand
{
    public static Command Create(CliContext context)
    {
        var connectionFile = CommonOptions.Connection();
        var layout = CommonOptions.Required("--layout", "An OCI image layout directory holding the image.");
        var image = CommonOptions.Required("--image", "The image name, such as billing-api.");
        var tag = CommonOptions.Required("--tag", "The tag, usually the commit SHA.");
        var progress = ProgressRendering.CreateOption();
        var command = new Command("push", "Push the image of an OCI image layout; print <reference>@<digest>.");
        command.Options.Add(connectionFile);
        command.Options.Add(layout);
        command.Options.Add(image);
        command.Options.Add(tag);
        command.Options.Add(progress);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
            await using var disposeSession = session.ConfigureAwait(false);
            var provider = session.Provider;
            var options = new PushOptions
            {
                Progress = ProgressRendering.Create(ProgressRendering.Parse(parseResult.GetValue(progress)), context),
            };
            var result = await session.Get<IImageTransfer>().PushAsync(
                    provider,
                    parseResult.GetValue(layout)!,
                    parseResult.GetValue(image)!,
                    parseResult.GetValue(tag)!,
                    options,
                    cancellationToken)
                .ConfigureAwait(false);
            context.Stderr.WriteLine(
                $"pushed {result.BlobsUploaded} blob(s), {result.BlobsSkipped} already present, "
                + $"{result.BlobsMounted} mounted");
            context.Stdout.WriteLine(result.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}

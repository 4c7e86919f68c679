using System.CommandLine;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Bundles;

namespace Planton.Registry.Cli.Commands;

/// <summary><c>bundle put|get|list|delete</c>: Worker script bundles in a Cloudflare R2 bucket.</summary>
internal static class BundleCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bundle", "Store, fetch, list and delete Cloudflare Worker script bundles in R2.");
        command.Subcommands.Add(CreatePut(context));
        command.Subcommands.Add(CreateGet(context));
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateDelete(context));
        return command;
    }

    private static Command CreatePut(CliContext context)
    {
        var (connectionFile, name, tag) = (CommonOptions.Connection(), NameOption(), TagOption());
        var directory = CommonOptions.Required("--dir", "The folder the Worker build wrote.");
        var force = new Option<bool>("--force") { Description = "Replace a stored version that has other content." };
        var main = new Option<string>("--main") { Description = "The entry module, relative to --dir." };
        var command = new Command(
            "put",
            "Store a bundle under its service name and commit SHA; a version is immutable.");
        foreach (var option in new Option[] { connectionFile, directory, name, tag, force, main })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => WithStoreAsync(
            context,
            parseResult,
            connectionFile,
            async store =>
            {
                var options = new BundlePutOptions
                {
                    Force = parseResult.GetValue(force),
                    MainModule = parseResult.GetValue(main),
                };
                var result = await store.PutAsync(
                        parseResult.GetValue(name)!,
                        parseResult.GetValue(tag)!,
                        parseResult.GetValue(directory)!,
                        options,
                        cancellationToken)
                    .ConfigureAwait(false);
                var note = result.AlreadyStored ? " (already stored)" : result.Replaced ? " (replaced)" : string.Empty;
                context.Stdout.WriteLine(
                    $"{result.ServiceName}:{result.Tag} {result.ManifestDigest} {result.Files.Count} files"
                    + $" {result.TotalBytes} bytes{note}");
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateGet(CliContext context)
    {
        var (connectionFile, name, tag) = (CommonOptions.Connection(), NameOption(), TagOption());
        var directory = CommonOptions.Required("--dir", "The folder to write the bundle into.");
        var command = new Command("get", "Fetch a bundle into a folder, every file verified against its manifest.");
        foreach (var option in new Option[] { connectionFile, name, tag, directory })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => WithStoreAsync(
            context,
            parseResult,
            connectionFile,
            async store =>
            {
                var result = await store.GetAsync(
                        parseResult.GetValue(name)!,
                        parseResult.GetValue(tag)!,
                        parseResult.GetValue(directory)!,
                        cancellationToken)
                    .ConfigureAwait(false);
                context.Stdout.WriteLine(
                    $"{result.ServiceName}:{result.Tag} {result.ManifestDigest} {result.Files.Count} files"
                    + $" {result.TotalBytes} bytes"
                    + $" -> {result.Directory}");
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var (connectionFile, name) = (CommonOptions.Connection(), NameOption());
        var command = new Command(
            "list",
            "List a service's stored versions, newest first: tag, stored at, bytes, files.");
        command.Options.Add(connectionFile);
        command.Options.Add(name);
        command.SetAction((parseResult, cancellationToken) => WithStoreAsync(
            context,
            parseResult,
            connectionFile,
            async store =>
            {
                var versions = await store.ListAsync(parseResult.GetValue(name)!, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var version in versions.OrderByDescending(v => v.StoredAt))
                {
                    context.Stdout.WriteLine(
                        $"{version.Tag}\t{version.StoredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
                        + $"\t{version.Size}\t{version.FileCount}");
                }

                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateDelete(CliContext context)
    {
        var (connectionFile, name, tag) = (CommonOptions.Connection(), NameOption(), TagOption());
        var command = new Command("delete", "Delete one stored version of a bundle.");
        foreach (var option in new Option[] { connectionFile, name, tag })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => WithStoreAsync(
            context,
            parseResult,
            connectionFile,
            async store =>
            {
                var result = await store.DeleteAsync(
                        parseResult.GetValue(name)!,
                        parseResult.GetValue(tag)!,
                        cancellationToken)
                    .ConfigureAwait(false);
                if (result.ObjectsDeleted == 0)
                {
                    context.Stderr.WriteLine($"error: no bundle {result.ServiceName}:{result.Tag} is stored.");
                    return ExitCodes.NotFound;
                }

                context.Stdout.WriteLine(
                    $"deleted {result.ServiceName}:{result.Tag} ({result.ObjectsDeleted} objects)");
                return ExitCodes.Success;
            }));
        return command;
    }

    private static async Task<int> WithStoreAsync(
        CliContext context,
        ParseResult parseResult,
        Option<FileInfo> connectionFile,
        Func<IWorkerBundleStore, Task<int>> action)
    {
        var session = ConnectionSession.Open(context, parseResult.GetValue(connectionFile)!);
        await using var disposeSession = session.ConfigureAwait(false);
        using var store = WorkerBundleStore.Create(
            session.Connection,
            session.Get<TimeProvider>(),
            session.Get<IHttpClientFactory>(),
            session.Get<ILoggerFactory>());
        return await action(store).ConfigureAwait(false);
    }

    private static Option<string> NameOption() => CommonOptions.Required("--name", "The Worker's service name.");

    private static Option<string> TagOption() =>
        CommonOptions.Required("--tag", "The version, usually the commit SHA.");
}

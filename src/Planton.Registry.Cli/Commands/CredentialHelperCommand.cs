using System.CommandLine;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// <c>credential-helper get|list|version</c>: the docker credential-helper protocol
/// (<see href="https://github.com/docker/docker-credential-helpers"/>) over connection files given with
/// <c>--connection FILE</c> (repeatable) or found in the <c>PLANTON_REGISTRY_CONNECTIONS</c> folder. <c>get</c> reads a
/// server URL on standard input and prints <c>{"ServerURL","Username","Secret"}</c>, the one output of this tool
/// that holds a secret, for the docker client that asked; an unknown server prints
/// <c>credentials not found in native keychain</c> and exits 1. <c>list</c> prints server to user name. Any other
/// failure prints its one-line message on standard output too (docker shows a helper's standard output as the error)
/// and exits with the contract's code.
/// </summary>
internal static class CredentialHelperCommand
{
    /// <summary>The folder of connection files the helper reads when no <c>--connection</c> is given.</summary>
    public const string ConnectionsVariable = "PLANTON_REGISTRY_CONNECTIONS";

    /// <summary>The protocol's message for an unknown server.</summary>
    public const string NotFoundMessage = "credentials not found in native keychain";

    /// <summary>The protocol's message for an empty server URL.</summary>
    public const string MissingServerUrlMessage = "no credentials server URL";

    private static readonly JsonWriterOptions s_jsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var connectionFiles = new Option<FileInfo[]>("--connection")
        {
            Description = "A connection file; repeat for more. Default: every *.json in $" + ConnectionsVariable + ".",
            Recursive = true,
        };
        var command = new Command(
            "credential-helper",
            "The docker credential-helper protocol for the configured connections (installed as "
            + "docker-credential-planton).");
        command.Options.Add(connectionFiles);
        command.Subcommands.Add(CreateGet(context, connectionFiles));
        command.Subcommands.Add(CreateList(context, connectionFiles));
        command.Subcommands.Add(CreateVersion(context));
        return command;
    }

    private static Command CreateGet(CliContext context, Option<FileInfo[]> connectionFiles)
    {
        var command = new Command(
            "get", "Read a server URL on standard input; print its ServerURL, Username and Secret.");
        command.SetAction((parseResult, cancellationToken) => EchoFailureAsync(context, async () =>
        {
            var serverUrl = (await context.Stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
            if (serverUrl.Length == 0)
            {
                context.Stdout.WriteLine(MissingServerUrlMessage);
                return ExitCodes.Failure;
            }

            var connections = await LoadConnectionsAsync(context, parseResult.GetValue(connectionFiles))
                .ConfigureAwait(false);
            var services = context.BuildServices(connections);
            await using var disposeServices = services.ConfigureAwait(false);
            var credential = await services.GetRequiredService<IDockerCredentialHelper>()
                .GetAsync(serverUrl, cancellationToken)
                .ConfigureAwait(false);
            if (credential is null)
            {
                context.Stdout.WriteLine(NotFoundMessage);
                return ExitCodes.Failure;
            }

            context.Stdout.WriteLine(Json(writer =>
            {
                writer.WriteString("ServerURL", credential.ServerUrl);
                writer.WriteString("Username", credential.Username);
                writer.WriteString("Secret", credential.Secret.Reveal());
            }));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateList(CliContext context, Option<FileInfo[]> connectionFiles)
    {
        var command = new Command(
            "list", "Print every configured registry host with its user name, as one JSON object.");
        command.SetAction((parseResult, cancellationToken) => EchoFailureAsync(context, async () =>
        {
            var connections = await LoadConnectionsAsync(context, parseResult.GetValue(connectionFiles))
                .ConfigureAwait(false);
            var services = context.BuildServices(connections);
            await using var disposeServices = services.ConfigureAwait(false);
            var list = services.GetRequiredService<IDockerCredentialHelper>().List();
            context.Stdout.WriteLine(Json(writer =>
            {
                foreach (var (host, username) in list)
                {
                    writer.WriteString(host, username);
                }
            }));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateVersion(CliContext context)
    {
        var command = new Command("version", "Print the helper's version.");
        command.SetAction(_ =>
        {
            var version = typeof(RegistryException).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            var shown = plus < 0 ? version : version[..plus];
            context.Stdout.WriteLine($"docker-credential-planton (Planton.Registry.Sdk) {shown}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Runs a verb; when it fails, prints the error's one-line message (never a secret: exception messages hold
    /// none) on standard output too, where docker looks for a helper's error, then lets the error reporter write it
    /// to standard error and choose the exit code.
    /// </summary>
    private static async Task<int> EchoFailureAsync(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Stdout.WriteLine(OneLine(e.Message));
            throw;
        }
    }

    private static string OneLine(string text) =>
        string.Join(
            ' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Loads the connections: each <c>--connection</c> file (an invalid one is an error), else every <c>*.json</c> of
    /// the <c>PLANTON_REGISTRY_CONNECTIONS</c> folder in name order (one that cannot be read or is invalid is skipped
    /// with a warning on standard error, so that one bad file does not cost every other registry its credentials).
    /// When several connections serve one registry host, the one whose file name comes first (ordinal order) is
    /// kept and the others are dropped, with a warning.
    /// </summary>
    private static async Task<RegistryConnectionOptions[]> LoadConnectionsAsync(CliContext context, FileInfo[]? files)
    {
        var loaded = new List<(RegistryConnectionOptions Connection, string Path)>();
        if (files is { Length: > 0 })
        {
            foreach (var file in files)
            {
                Add(context, loaded, ConnectionFile.Load(file.FullName), file.FullName);
            }

            return await ServeEachHostOnceAsync(context, loaded).ConfigureAwait(false);
        }

        var folder = Environment.GetEnvironmentVariable(ConnectionsVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            context.Stderr.WriteLine(
                $"warning: no connections: give --connection FILE or set {ConnectionsVariable} to a folder of "
                + "connection files.");
            return [];
        }

        if (!Directory.Exists(folder))
        {
            throw new RegistryConfigurationException(
                ConnectionsVariable, $"The folder '{folder}' does not exist; it must hold connection files (*.json).");
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                Add(context, loaded, ConnectionFile.Load(path), path);
            }
            catch (RegistryConfigurationException e)
            {
                context.Stderr.WriteLine($"warning: skipping {path}: {OneLine(e.Message)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                context.Stderr.WriteLine($"warning: skipping {path}: it cannot be read ({e.GetType().Name}).");
            }
        }

        return await ServeEachHostOnceAsync(context, loaded).ConfigureAwait(false);
    }

    private static void Add(
        CliContext context,
        List<(RegistryConnectionOptions Connection, string Path)> loaded,
        RegistryConnectionOptions connection,
        string path)
    {
        if (loaded.Exists(c => string.Equals(c.Connection.Name, connection.Name, StringComparison.OrdinalIgnoreCase)))
        {
            context.Stderr.WriteLine($"warning: skipping {path}: another connection is named '{connection.Name}'.");
            return;
        }

        loaded.Add((connection, path));
    }

    /// <summary>
    /// Drops all but one of the image connections that share a registry host: the one whose file name is first in
    /// ordinal order, so that <c>get</c> answers the same whichever order the files are found in.
    /// </summary>
    private static async Task<RegistryConnectionOptions[]> ServeEachHostOnceAsync(
        CliContext context, List<(RegistryConnectionOptions Connection, string Path)> loaded)
    {
        var services = context.BuildServices([.. loaded.Select(l => l.Connection)]);
        await using var disposeServices = services.ConfigureAwait(false);
        var registries = services.GetRequiredService<IRegistryConnections>();
        var byHost = new Dictionary<string, List<(RegistryConnectionOptions Connection, string Path)>>(
            StringComparer.OrdinalIgnoreCase);
        foreach (var item in loaded)
        {
            string host;
            try
            {
                var provider = registries.Get(item.Connection.Name ?? "default");
                if (!provider.SupportsImages)
                {
                    continue;
                }

                host = provider.RegistryHost;
            }
            catch (RegistryConfigurationException)
            {
                continue;
            }

            if (!byHost.TryGetValue(host, out var group))
            {
                byHost[host] = group = [];
            }

            group.Add(item);
        }

        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (host, group) in byHost.Where(g => g.Value.Count > 1).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group
                .OrderBy(i => Path.GetFileName(i.Path), StringComparer.Ordinal)
                .ThenBy(i => i.Path, StringComparer.Ordinal)
                .ToList();
            context.Stderr.WriteLine(
                $"warning: host {host} is served by several connections "
                + $"({string.Join(", ", ordered.Select(i => i.Path))}); using {ordered[0].Path}.");
            dropped.UnionWith(ordered.Skip(1).Select(i => i.Path));
        }

        return [.. loaded.Where(l => !dropped.Contains(l.Path)).Select(l => l.Connection)];
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

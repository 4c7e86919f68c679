using System.CommandLine;
using Planton.Registry.Cli.Commands;

namespace Planton.Registry.Cli;

/// <summary>The <c>planton-registry</c> command line of CONTRACT.md, thin over the library.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null, bool stderrIsTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr)
        {
            Stdin = stdin ?? TextReader.Null,
            StderrIsTerminal = stderrIsTerminal,
        };
        var root = BuildRootCommand(context);
        // No response files: '@' starts scopes (--scope @acme) and references, never a file of arguments.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        context.Verbose = parseResult.GetValue(CommonOptions.Verbose);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'planton-registry --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            };
            return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, stderr, context.Verbose);
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "planton-registry: registry connections for build platforms. Validate connections, build and parse image "
            + "references, push and pull OCI images.");
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(RefCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(TestCommand.Create(context));
        root.Subcommands.Add(RecommendCommand.Create(context));
        root.Subcommands.Add(PushCommand.Create(context));
        root.Subcommands.Add(PullCommand.Create(context));
        root.Subcommands.Add(NpmrcCommand.Create(context));
        root.Subcommands.Add(MavenSettingsCommand.Create(context));
        root.Subcommands.Add(BundleCommand.Create(context));
        root.Subcommands.Add(LoginCommand.Create(context));
        root.Subcommands.Add(CredentialHelperCommand.Create(context));
        return root;
    }
}

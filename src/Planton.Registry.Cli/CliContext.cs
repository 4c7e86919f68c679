using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Cli;

/// <summary>
/// What every command shares: the output streams, the verbosity and a way to build the SDK's services.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Stdout = stdout;
        Stderr = stderr;
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Standard input; the credential helper reads the server URL from it.</summary>
    public TextReader Stdin { get; init; } = TextReader.Null;

    public bool Verbose { get; set; }

    /// <summary>True when standard error is a terminal (not redirected), so that progress bars can be drawn.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>Builds the SDK's services as a host app would, with the given connections configured.</summary>
    public ServiceProvider BuildServices(params RegistryConnectionOptions[] connections)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            // Without --verbose the command's own 'error:' line says what failed; the log would repeat it with a trace.
            logging.SetMinimumLevel(Verbose ? LogLevel.Debug : LogLevel.Error);
            logging.AddSimpleConsole(console => console.SingleLine = true);
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        services.AddPlantonRegistries(options =>
        {
            foreach (var connection in connections)
            {
                options.Connections[connection.Name ?? "default"] = connection;
            }
        });
        return services.BuildServiceProvider();
    }
}

using System.CommandLine;

namespace Planton.Registry.Cli;

/// <summary>Options more than one command takes.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log what the command does (requests, retries, credential exchanges) to standard error.",
        Recursive = true,
    };

    public static Option<FileInfo> Connection() => new("--connection")
    {
        Description = "A connection file: one JSON object with Name, Provider and the provider's fields"
            + " (see CONTRACT.md).",
        Required = true,
    };

    public static Option<string> Required(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
    };

    public static Option<bool> EnvironmentPlaceholders() => new("--env-placeholders")
    {
        Description = "Write ${VAR} placeholders instead of secrets and print 'export VAR=...' lines to set them.",
    };
}

using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Cli.Commands;

/// <summary>
/// Prints what a tool-config write did: the path on standard output, then with placeholders one
/// <c>export NAME=value</c> line per variable the caller must set (the one place these secrets are printed,
/// because the caller asked for them to be kept out of the file).
/// </summary>
internal static class ToolConfigOutput
{
    public static void Print(CliContext context, ToolConfigWriteResult result)
    {
        context.Stderr.WriteLine(result.Changed ? $"wrote {result.Path}" : $"{result.Path} already up to date");
        context.Stdout.WriteLine(result.Path);
        foreach (var (name, value) in result.EnvironmentVariables)
        {
            context.Stdout.WriteLine(
                $"export {name}='{value.Reveal().Replace("'", "'\\''", StringComparison.Ordinal)}'");
        }
    }
}

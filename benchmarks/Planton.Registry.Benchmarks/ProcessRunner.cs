using System.Diagnostics;

namespace Planton.Registry.Benchmarks;

/// <summary>Runs a program to its end and times it from start to exit.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(
        string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        return new ProcessOutcome(process.ExitCode, await output, await error, watch.Elapsed.TotalMilliseconds);
    }

    public static async Task<ProcessOutcome> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var outcome = await RunAsync(fileName, list, environment);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', list.Select(Redact))} exited {outcome.ExitCode}: "
                + outcome.StandardError.Trim());
        }

        return outcome;
    }

    /// <summary>Hides the password of <c>user:password</c> credentials in a command line shown in an error.</summary>
    private static string Redact(string argument) =>
        argument.Contains(':') && !argument.Contains('/') && !argument.StartsWith('-') ? "***" : argument;
}

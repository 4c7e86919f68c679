using System.Diagnostics;

namespace Planton.Registry.Sdk.IntegrationTests;

/// <summary>Runs a real program (the CLI, skopeo, npm, mvn) and captures what it printed.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the planton-registry CLI built beside the tests, as a separate process.</summary>
    public static Task<ProcessResult> RunCliAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "planton-registry.dll");
        return RunAsync("dotnet", [cli, .. arguments], environment, stdin: stdin);
    }
}

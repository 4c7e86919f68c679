using System.Diagnostics;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>Runs the shared scripts and skopeo, the independent client that checks what the SDK did.</summary>
internal static class ExternalTools
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>The shared folder: ../shared next to the folder that holds Planton.Registry.Sdk.sln.</summary>
    public static string SharedScriptsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Planton.Registry.Sdk.sln")))
            {
                directory = directory.Parent;
            }

            if (directory?.Parent is null)
            {
                Assert.Fail("Could not find the folder holding Planton.Registry.Sdk.sln above the test directory.");
            }

            return Path.Combine(directory!.Parent!.FullName, "shared", "scripts");
        }
    }

    /// <summary>Writes a one-layer layout with make-oci-layout.sh; returns the manifest digest it printed.</summary>
    public static async Task<string> MakeOciLayoutAsync(string directory, string tag)
    {
        var script = Path.Combine(SharedScriptsDirectory, "make-oci-layout.sh");
        var result = await RunCheckedAsync("bash", script, directory, tag);
        return result.StandardOutput.Trim();
    }

    /// <summary>Writes a layout of random uncompressed layers with make-bench-layout.sh.</summary>
    public static async Task<string> MakeBenchLayoutAsync(string directory, int layers, int mibPerLayer, string tag)
    {
        var script = Path.Combine(SharedScriptsDirectory, "make-bench-layout.sh");
        var result = await RunCheckedAsync(
            "bash", script, directory, layers.ToString(), mibPerLayer.ToString(), tag);
        return result.StandardOutput.Trim();
    }

    public static async Task<ProcessResult> RunCheckedAsync(string fileName, params string[] arguments)
    {
        var result = await RunAsync(fileName, arguments);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
        }

        return result;
    }

    public static async Task<ProcessResult> RunAsync(string fileName, params string[] arguments)
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(s_timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

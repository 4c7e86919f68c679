namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>Runs the shared scripts and skopeo, the independent client that checks what the SDK did.</summary>
internal static class ExternalTools
{
    /// <summary>The shared folder: ../shared next to the folder that holds Planton.Registry.Sdk.sln.</summary>
    public static string SharedScriptsDirectory => LoopbackServers.ScriptsDirectory;

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

    public static Task<ProcessResult> RunAsync(string fileName, params string[] arguments) =>
        ProcessRunner.RunAsync(fileName, arguments);
}

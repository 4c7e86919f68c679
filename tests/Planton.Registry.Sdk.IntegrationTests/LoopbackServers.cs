using System.Diagnostics;

namespace Planton.Registry.Sdk.IntegrationTests;

/// <summary>
/// Starts the loopback servers of ../shared/scripts once per run when the environment does not already name them
/// (CI's .ci/run starts them first; the scripts are idempotent), and loads their exports into this process.
/// </summary>
[SetUpFixture]
public sealed class LoopbackServers
{
    private static readonly string[] s_servers = ["registry", "s3", "verdaccio", "maven-repo"];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedDirectory { get; } =
        Environment.GetEnvironmentVariable("PLANTON_SHARED")
            ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string ScriptsDirectory => Path.Combine(SharedDirectory, "scripts");

    [OneTimeSetUp]
    public void StartServers()
    {
        foreach (var server in s_servers)
        {
            var envFile = Path.Combine(ItDirectory, server + ".env");
            if (!File.Exists(envFile) || !IsUp(server))
            {
                Run("bash", Path.Combine(ScriptsDirectory, server + "-up.sh"));
            }

            LoadExports(envFile);
        }
    }

    /// <summary>Reads an environment variable the server scripts export; fails the test when it is missing.</summary>
    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: the loopback servers did not start.");

    private static string ItDirectory => Environment.GetEnvironmentVariable("PLANTON_IT_DIR") ?? "/tmp/planton-it";

    private static bool IsUp(string server)
    {
        var pidFiles = Directory.Exists(Path.Combine(ItDirectory, server))
            ? Directory.GetFiles(Path.Combine(ItDirectory, server), "*.pid", SearchOption.AllDirectories)
            : [];
        return pidFiles.Length > 0 && pidFiles.All(f =>
            int.TryParse(File.ReadAllText(f).Trim(), out var pid) && Directory.Exists($"/proc/{pid}"));
    }

    private static void LoadExports(string envFile)
    {
        if (!File.Exists(envFile))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(envFile))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                Environment.SetEnvironmentVariable(text[..equals], text[(equals + 1)..].Trim('"', '\''));
            }
        }
    }

    private static void Run(string file, string argument)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{argument} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Planton.Registry.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Planton.Registry.Sdk.sln not found above the tests.");
    }
}

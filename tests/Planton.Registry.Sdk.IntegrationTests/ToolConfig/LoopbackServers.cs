namespace Planton.Registry.Sdk.IntegrationTests.ToolConfig;

/// <summary>
/// Starts (or reuses) a loopback test server with its script from the shared folder and returns the settings it
/// exports. The scripts are idempotent and never stopped here, since other tests may share the server.
/// </summary>
internal static class LoopbackServers
{
    public static async Task<IReadOnlyDictionary<string, string>> UpAsync(string script)
    {
        var folder = FindScripts();
        if (folder is null)
        {
            Assert.Ignore("The shared scripts folder (shared/scripts) was not found; set PLANTON_SHARED_SCRIPTS.");
        }

        var result = await ToolProcess.RunAsync("bash", [Path.Combine(folder!, script)], folder!);
        Assert.That(result.ExitCode, Is.Zero, result.Describe(script));
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal) || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var body = line["export ".Length..].Trim();
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            exports[body[..equals]] = body[(equals + 1)..].Trim('\'', '"');
        }

        return exports;
    }

    private static string? FindScripts()
    {
        var configured = Environment.GetEnvironmentVariable("PLANTON_SHARED_SCRIPTS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null;
             folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "scripts");
            if (File.Exists(Path.Combine(candidate, "verdaccio-up.sh")))
            {
                return candidate;
            }
        }

        return null;
    }
}

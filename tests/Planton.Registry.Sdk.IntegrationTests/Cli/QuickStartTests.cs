using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>The quick start of README.md, run as a user runs it, with and without a connection.</summary>
[Category("Integration")]
public sealed class QuickStartTests
{
    private static string Project => Path.Combine(LoopbackServers.RepositoryRoot, "samples", "QuickStart");

    [Test]
    public async Task NoConfiguration_WritesAnOciLayoutThatSkopeoReads()
    {
        var work = Directory.CreateTempSubdirectory("planton-quickstart-").FullName;

        var result = await ProcessRunner.RunAsync(
            "dotnet", ["run", "--project", Project], workingDirectory: work);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var printed = result.StandardOutput.Trim().Split('\n')[^1];
        Assert.That(printed, Does.StartWith($"oci:{Path.Combine(work, "quickstart-layout")}:"));
        var reference = printed[..printed.LastIndexOf('@')];
        var inspect = await ProcessRunner.RunAsync("skopeo", ["inspect", reference]);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.StandardOutput);
        var digest = printed[(printed.LastIndexOf('@') + 1)..];
        Assert.That(json.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(digest));
    }

    [Test]
    public async Task ConnectionFromEnvironment_PushesToThatRegistry()
    {
        var work = Directory.CreateTempSubdirectory("planton-quickstart-").FullName;
        var url = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        const string prefix = "PlantonRegistries__Connections__quickstart__";

        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Project],
            new Dictionary<string, string?>
            {
                [prefix + "Provider"] = "OciRegistry",
                [prefix + "OciRegistry__Url"] = url,
                [prefix + "OciRegistry__Username"] = LoopbackServers.Require("PLANTON_REGISTRY_USER"),
                [prefix + "OciRegistry__Password"] = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"),
            },
            workingDirectory: work);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var printed = result.StandardOutput.Trim().Split('\n')[^1];
        Assert.That(printed, Does.StartWith($"{new Uri(url).Authority}/quickstart:"));
        var at = printed.LastIndexOf('@');
        var inspect = await ProcessRunner.RunAsync(
            "skopeo",
            [
                "inspect", "--tls-verify=false",
                "--creds",
                LoopbackServers.Require("PLANTON_REGISTRY_USER") + ":"
                    + LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"),
                "docker://" + printed[..at],
            ]);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(json.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(printed[(at + 1)..]));
    }
}

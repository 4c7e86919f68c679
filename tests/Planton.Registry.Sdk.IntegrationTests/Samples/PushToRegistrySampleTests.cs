using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Samples;

/// <summary>
/// samples/PushToRegistry run as a user runs it (<c>dotnet run</c>, the connection in environment variables) against
/// the basic registry; skopeo checks that the registry holds the reference and digest it printed.
/// </summary>
[Category("Integration")]
public sealed class PushToRegistrySampleTests
{
    private const string Prefix = "PlantonRegistries__Connections__images__";

    private static string Project => Path.Combine(LoopbackServers.RepositoryRoot, "samples", "PushToRegistry");

    [Test]
    public async Task Run_BasicRegistryConnection_PushesWhatItPrints()
    {
        var url = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        var user = LoopbackServers.Require("PLANTON_REGISTRY_USER");
        var password = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD");
        var image = "samples/push-" + Guid.NewGuid().ToString("N")[..8];

        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Project],
            new Dictionary<string, string?>
            {
                [Prefix + "Provider"] = "OciRegistry",
                [Prefix + "OciRegistry__Url"] = url,
                [Prefix + "OciRegistry__Username"] = user,
                [Prefix + "OciRegistry__Password"] = password,
                ["PUSH_IMAGE"] = image,
                ["PUSH_TAG"] = "sample",
            });

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(password));
        var printed = result.StandardOutput.Trim().Split('\n')[^1];
        Assert.That(printed, Does.Match($@"^{new Uri(url).Authority}/{image}:sample@sha256:[0-9a-f]{{64}}$"));
        var at = printed.LastIndexOf('@');
        var inspect = await ProcessRunner.RunAsync(
            "skopeo", ["inspect", "--tls-verify=false", "--creds", $"{user}:{password}", "docker://" + printed[..at]]);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(json.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(printed[(at + 1)..]));
    }

    [Test]
    public async Task Run_WrongPassword_PrintsTheConnectionTestAndExitsOne()
    {
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Project],
            new Dictionary<string, string?>
            {
                [Prefix + "Provider"] = "OciRegistry",
                [Prefix + "OciRegistry__Url"] = LoopbackServers.Require("PLANTON_REGISTRY_URL"),
                [Prefix + "OciRegistry__Username"] = LoopbackServers.Require("PLANTON_REGISTRY_USER"),
                [Prefix + "OciRegistry__Password"] = "not-the-password",
            });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Does.Contain("FAIL credentials"));
    }
}

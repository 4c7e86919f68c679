using System.IO.Compression;
using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Packaging;

/// <summary>
/// The CLI as a .NET tool: packed into a folder feed, installed from it with <c>dotnet tool install</c> (the default
/// package sources stay on), then run. The pack reuses the build the tests already made (<c>--no-build</c>, same
/// configuration), so it costs seconds; the install goes to a temporary tool path with its own package folder, so no
/// package of an earlier run is picked up.
/// </summary>
[Category("Integration")]
public sealed class ToolPackageTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-tool-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task ToolPackage_InstalledFromAFolderFeed_RunsHelpAndRefParse()
    {
        var feed = Path.Combine(_work, "feed");
        var tools = Path.Combine(_work, "tools");
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var project = Path.Combine(LoopbackServers.RepositoryRoot, "src", "Planton.Registry.Cli");

        var pack = await ProcessRunner.RunAsync(
            "dotnet", ["pack", project, "-c", Configuration(), "--no-build", "-o", feed], environment);

        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var package = Directory.GetFiles(feed, "Planton.Registry.Cli.*.nupkg").Single();
        var version = Path.GetFileNameWithoutExtension(package)["Planton.Registry.Cli.".Length..];
        AssertToolPackage(package);

        var install = await ProcessRunner.RunAsync(
            "dotnet",
            [
                "tool", "install", "--tool-path", tools, "--add-source", feed, "--ignore-failed-sources",
                "Planton.Registry.Cli", "--version", version,
            ],
            environment);

        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "planton-registry.exe" : "planton-registry");
        var help = await ProcessRunner.RunAsync(tool, ["--help"]);
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.StandardOutput, Does.Contain("planton-registry").And.Contain("test").And.Contain("recommend"));

        var parse = await ProcessRunner.RunAsync(tool, ["ref", "parse", "--json", "alpine"]);
        Assert.That(parse.ExitCode, Is.Zero, parse.ToString());
        using var json = JsonDocument.Parse(parse.StandardOutput);
        Assert.That(json.RootElement.GetProperty("canonical").GetString(), Is.EqualTo("docker.io/library/alpine"));
    }

    [Test]
    public async Task LibraryPackage_Packed_HoldsReadmeLicenseXmlDocsAndSymbols()
    {
        var feed = Path.Combine(_work, "feed");
        var project = Path.Combine(LoopbackServers.RepositoryRoot, "src", "Planton.Registry.Sdk");

        var pack = await ProcessRunner.RunAsync(
            "dotnet", ["pack", project, "-c", Configuration(), "--no-build", "-o", feed]);

        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        var package = Directory.GetFiles(feed, "Planton.Registry.Sdk.*.nupkg").Single();
        Assert.That(Path.ChangeExtension(package, ".snupkg"), Does.Exist);
        using var archive = ZipFile.OpenRead(package);
        var names = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.That(names, Does.Contain("README.md"));
        Assert.That(names, Does.Contain("lib/net10.0/Planton.Registry.Sdk.dll"));
        Assert.That(names, Does.Contain("lib/net10.0/Planton.Registry.Sdk.xml"));
        using var reader = new StreamReader(archive.GetEntry("Planton.Registry.Sdk.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();
        Assert.That(nuspec, Does.Contain("<license type=\"expression\">MIT</license>"));
        Assert.That(nuspec, Does.Contain("<readme>README.md</readme>"));
        Assert.That(nuspec, Does.Contain("<repository type=\"git\""));
    }

    /// <summary>A tool package: its type, its command name, the README and the license expression.</summary>
    private static void AssertToolPackage(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var names = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.That(names, Does.Contain("README.md"));
        Assert.That(names, Does.Contain("tools/net10.0/any/DotnetToolSettings.xml"));
        using var reader = new StreamReader(archive.GetEntry("Planton.Registry.Cli.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();
        Assert.That(nuspec, Does.Contain("<packageType name=\"DotnetTool\" />"));
        Assert.That(nuspec, Does.Contain("<license type=\"expression\">MIT</license>"));
        using var settings = new StreamReader(archive.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        Assert.That(settings.ReadToEnd(), Does.Contain("<Command Name=\"planton-registry\""));
    }

    /// <summary>The configuration the tests were built in, which the CLI was built in too.</summary>
    private static string Configuration() =>
        TestContext.CurrentContext.TestDirectory
            .Split(Path.DirectorySeparatorChar)
            .Contains("Release", StringComparer.Ordinal)
                ? "Release"
                : "Debug";
}

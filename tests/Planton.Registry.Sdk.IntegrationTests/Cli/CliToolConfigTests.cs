using System.Text.Json;
using System.Xml.Linq;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary><c>npmrc</c> and <c>maven-settings</c> as a separate process; npm itself reads the result.</summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliToolConfigTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-toolcfg-cli-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task Npmrc_GitHubPackagesConnection_NpmWhoamiAcceptsIt_AndOtherLinesStay()
    {
        var registry = LoopbackServers.Require("PLANTON_NPM_REGISTRY_URL");
        var npmrc = Path.Combine(_work, ".npmrc");
        const string existing = "# mine\nfund=false\n@other:registry=https://npm.example.com/\n";
        File.WriteAllText(npmrc, existing);
        var connection = WriteConnection("gh-npm", "GitHubPackages", new
        {
            Username = "testuser",
            PersonalAccessToken = LoopbackServers.Require("PLANTON_NPM_TOKEN"),
            Owner = "Planton",
            Format = "Npm",
            Host = registry,
        });

        var first = await ProcessRunner.RunCliAsync(["npmrc", "--connection", connection, "--out", npmrc]);
        var afterFirst = File.ReadAllText(npmrc);
        var second = await ProcessRunner.RunCliAsync(["npmrc", "--connection", connection, "--out", npmrc]);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(File.ReadAllText(npmrc), Is.EqualTo(afterFirst));
        Assert.That(afterFirst, Does.StartWith(existing));
        Assert.That(afterFirst, Does.Contain("@planton:registry=" + registry.TrimEnd('/') + "/"));
        Assert.That(
            first.StandardOutput + first.StandardError,
            Does.Not.Contain(LoopbackServers.Require("PLANTON_NPM_TOKEN")));
        Assert.That(File.GetUnixFileMode(npmrc), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        var whoami = await ProcessRunner.RunAsync(
            "npm", ["whoami", "--userconfig", npmrc, "--registry", registry], workingDirectory: _work);

        Assert.That(whoami.ExitCode, Is.Zero, whoami.ToString());
        Assert.That(whoami.StandardOutput.Trim(), Is.EqualTo("testuser"));
    }

    [Test]
    public async Task MavenSettings_JFrogConnection_AddsServerNamedAfterTheConnection()
    {
        var settings = Path.Combine(_work, "settings.xml");
        File.Copy(LoopbackServers.Require("PLANTON_MAVEN_SETTINGS"), settings);
        var before = XDocument.Load(settings);
        var connection = WriteConnection("jfrog-maven", "JFrogArtifactory", new
        {
            Url = "https://acme.jfrog.io",
            RepositoryKey = "libs-release",
            Username = "ci",
            AccessToken = "jfrog-access-token-value",
            Format = "Maven",
        });

        var result = await ProcessRunner.RunCliAsync(
            ["maven-settings", "--connection", connection, "--out", settings, "--env-placeholders"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var text = File.ReadAllText(settings);
        Assert.That(text, Does.Not.Contain("jfrog-access-token-value"));
        Assert.That(result.StandardOutput, Does.Contain("export MAVEN_PASSWORD"));
        var document = XDocument.Parse(text);
        var ns = document.Root!.Name.Namespace;
        var ids = document.Descendants(ns + "server").Select(s => s.Element(ns + "id")?.Value).ToArray();
        Assert.That(ids, Does.Contain("jfrog-maven"));
        foreach (var id in before.Descendants(before.Root!.Name.Namespace + "server")
            .Select(s => s.Element(before.Root.Name.Namespace + "id")?.Value))
        {
            Assert.That(ids, Does.Contain(id));
        }

        Assert.That(text, Does.Contain("https://acme.jfrog.io/artifactory/libs-release/"));
    }

    private string WriteConnection(string name, string provider, object fields)
    {
        var path = Path.Combine(_work, name + ".json");
        var document = new Dictionary<string, object> { ["Name"] = name, ["Provider"] = provider, [provider] = fields };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }
}

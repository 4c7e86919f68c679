using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.IntegrationTests.ToolConfig;

/// <summary>
/// Real Maven 3 against the nginx repository (shared/scripts/maven-repo-up.sh, started by
/// <see cref="LoopbackServers"/>), configured only by a copy of the
/// script's example <c>settings.xml</c> (its offline mirror of Central makes the deploy and dependency plugins
/// resolvable) with the writer's servers and profile merged in. Maven runs online against that file:// mirror and the
/// loopback repository, with <c>-s</c> and an empty <c>-Dmaven.repo.local</c> per run.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class MavenSettingsIntegrationTests
{
    private const string ReleasesId = "planton-releases";
    private const string SnapshotsId = "planton-snapshots";
    private const string GroupId = "dev.planton.it";

    private string _root = null!;
    private string _exampleSettings = null!;
    private string _user = null!;
    private Secret _password = null!;
    private Uri _releases = null!;
    private Uri _snapshots = null!;
    private string _jar = null!;
    private readonly List<Uri> _deployed = [];

    [OneTimeSetUp]
    public async Task MakeJarAsync()
    {
        _exampleSettings = LoopbackServers.Require("PLANTON_MAVEN_SETTINGS");
        _user = LoopbackServers.Require("PLANTON_MAVEN_USER");
        _password = new Secret(LoopbackServers.Require("PLANTON_MAVEN_PASSWORD"));
        _releases = new Uri(LoopbackServers.Require("PLANTON_MAVEN_RELEASES_URL"));
        _snapshots = new Uri(LoopbackServers.Require("PLANTON_MAVEN_SNAPSHOTS_URL"));
        _root = Directory.CreateTempSubdirectory("planton-maven-it-").FullName;
        _jar = Path.Combine(_root, "hello.jar");
        using var archive = ZipFile.Open(_jar, ZipArchiveMode.Create);
        var entry = archive.CreateEntry("dev/planton/it/hello.txt");
        await using var stream = entry.Open();
        await stream.WriteAsync("hello from Planton\n"u8.ToArray());
    }

    [OneTimeTearDown]
    public async Task RemoveDeployedArtifactsAsync()
    {
        if (_root is null)
        {
            return;
        }

        using var http = new HttpClient();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + _password.Reveal()));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        foreach (var folder in _deployed)
        {
            using var response = await http.DeleteAsync(folder);
        }

        Directory.Delete(_root, recursive: true);
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task DeployAndResolve_MergedExampleSettings_Succeeds(bool snapshot, bool preemptive)
    {
        var settings = await MergedSettingsAsync(Entries(_password, preemptive));
        var artifact = "hello-" + Guid.NewGuid().ToString("N")[..10];
        var version = snapshot ? "1.0.0-SNAPSHOT" : "1.0.0";

        var deploy = await DeployAsync(settings, artifact, version, snapshot);
        var (resolve, jar) = await ResolveAsync(settings, artifact, version);

        Assert.That(deploy.ExitCode, Is.Zero, $"mvn deploy:deploy-file: {deploy}");
        Assert.That(resolve.ExitCode, Is.Zero, $"mvn dependency:get: {resolve}");
        Assert.That(await File.ReadAllBytesAsync(jar), Is.EqualTo(await File.ReadAllBytesAsync(_jar)));
    }

    [Test]
    public async Task WriteTwice_ExampleSettings_KeepsEveryOriginalElement()
    {
        var settings = await MergedSettingsAsync(Entries(_password, preemptive: false));
        var afterFirst = await File.ReadAllBytesAsync(settings);

        var second = await MavenSettingsWriter.WriteAsync(settings, Entries(_password, preemptive: false));

        Assert.That(second.Changed, Is.False);
        Assert.That(await File.ReadAllBytesAsync(settings), Is.EqualTo(afterFirst));
        var before = XDocument.Load(_exampleSettings);
        var after = XDocument.Load(settings);
        var afterElements = after.Root!.Descendants().ToList();
        foreach (var element in before.Root!.Descendants().Where(e => e.Name.LocalName != "servers"))
        {
            Assert.That(afterElements.Any(e => XNode.DeepEquals(e, element)), Is.True, element.ToString());
        }

        Assert.That(
            after.DescendantNodes().OfType<XComment>().Select(c => c.Value),
            Is.SupersetOf(before.DescendantNodes().OfType<XComment>().Select(c => c.Value)));
    }

    [Test]
    public async Task DeployAndResolve_WrongPassword_RefusedWith401()
    {
        var good = await MergedSettingsAsync(Entries(_password, preemptive: false));
        var bad = await MergedSettingsAsync(Entries(new Secret("wrong-password"), preemptive: false));
        var artifact = "hello-" + Guid.NewGuid().ToString("N")[..10];
        var deployed = await DeployAsync(good, artifact, "1.0.0", snapshot: false);

        var deploy = await DeployAsync(bad, artifact + "-bad", "1.0.0", snapshot: false);
        var (resolve, _) = await ResolveAsync(bad, artifact, "1.0.0");

        Assert.That(deployed.ExitCode, Is.Zero, $"mvn deploy with the right password: {deployed}");
        Assert.That(deploy.ExitCode, Is.Not.Zero, $"mvn deploy: {deploy}");
        Assert.That(deploy.StandardOutput + deploy.StandardError, Does.Contain("401"), $"mvn deploy: {deploy}");
        Assert.That(resolve.ExitCode, Is.Not.Zero, $"mvn dependency:get: {resolve}");
        Assert.That(
            resolve.StandardOutput + resolve.StandardError,
            Does.Contain("401 Unauthorized"),
            $"mvn dependency:get: {resolve}");
    }

    [Test]
    public async Task Resolve_Placeholder_MavenExpandsTheVariable()
    {
        var settings = await MergedSettingsAsync(Entries(_password, preemptive: false), placeholders: true);
        var good = await MergedSettingsAsync(Entries(_password, preemptive: false));
        var artifact = "hello-" + Guid.NewGuid().ToString("N")[..10];
        var deployed = await DeployAsync(good, artifact, "1.0.0", snapshot: false);
        var passwords = XDocument.Load(settings).Root!.Descendants()
            .Where(e => e.Name.LocalName == "server")
            .ToDictionary(e => e.Elements().First(c => c.Name.LocalName == "id").Value,
                e => e.Elements().First(c => c.Name.LocalName == "password").Value);

        var (withVariable, _) = await ResolveAsync(
            settings, artifact, "1.0.0", ("MAVEN_PASSWORD_PLANTON_RELEASES", _password.Reveal()));
        var (withoutVariable, _) = await ResolveAsync(settings, artifact, "1.0.0");

        Assert.That(deployed.ExitCode, Is.Zero, $"mvn deploy: {deployed}");
        Assert.That(passwords[ReleasesId], Is.EqualTo("${env.MAVEN_PASSWORD_PLANTON_RELEASES}"));
        Assert.That(passwords[SnapshotsId], Is.EqualTo("${env.MAVEN_PASSWORD_PLANTON_SNAPSHOTS}"));
        Assert.That(withVariable.ExitCode, Is.Zero, $"mvn dependency:get with the variable: {withVariable}");
        Assert.That(
            withoutVariable.StandardOutput + withoutVariable.StandardError,
            Does.Contain("401"),
            $"mvn without the variable: {withoutVariable}");
    }

    private MavenServerEntry[] Entries(Secret password, bool preemptive) =>
    [
        new(ReleasesId, _user, password, _releases) { Snapshots = false, PreemptiveAuthentication = preemptive },
        new(SnapshotsId, _user, password, _snapshots) { Releases = false, PreemptiveAuthentication = preemptive },
    ];

    private async Task<string> MergedSettingsAsync(MavenServerEntry[] entries, bool placeholders = false)
    {
        var settings = Path.Combine(_root, "settings-" + Guid.NewGuid().ToString("N")[..8] + ".xml");
        File.Copy(_exampleSettings, settings);
        await MavenSettingsWriter.WriteAsync(
            settings, entries, new MavenSettingsWriteOptions { UseEnvironmentPlaceholders = placeholders });
        return settings;
    }

    private async Task<ProcessResult> DeployAsync(
        string settings, string artifact, string version, bool snapshot)
    {
        var (result, _) = await MavenAsync(
            settings,
            null,
            "deploy:deploy-file",
            "-Dfile=" + _jar,
            "-DgroupId=" + GroupId,
            "-DartifactId=" + artifact,
            "-Dversion=" + version,
            "-Dpackaging=jar",
            "-DrepositoryId=" + (snapshot ? SnapshotsId : ReleasesId),
            "-Durl=" + (snapshot ? _snapshots : _releases).AbsoluteUri);
        var repository = (snapshot ? _snapshots : _releases).AbsoluteUri.TrimEnd('/');
        _deployed.Add(new Uri($"{repository}/{GroupId.Replace('.', '/')}/{artifact}/"));
        return result;
    }

    private async Task<(ProcessResult Result, string Jar)> ResolveAsync(
        string settings, string artifact, string version, (string Name, string Value)? variable = null)
    {
        var (result, localRepository) = await MavenAsync(
            settings, variable, "dependency:get", $"-Dartifact={GroupId}:{artifact}:{version}", "-Dtransitive=false");
        var group = GroupId.Replace('.', Path.DirectorySeparatorChar);
        var folder = Path.Combine(localRepository, group, artifact, version);
        return (result, Path.Combine(folder, $"{artifact}-{version}.jar"));
    }

    /// <summary>Runs mvn with only <paramref name="settings"/> and a new, empty local repository.</summary>
    private async Task<(ProcessResult Result, string LocalRepository)> MavenAsync(
        string settings, (string Name, string Value)? variable, params string[] goalAndProperties)
    {
        var localRepository = Path.Combine(_root, "m2-" + Guid.NewGuid().ToString("N")[..8]);
        string[] arguments =
            ["-B", "-q", "-s", settings, "-Dmaven.repo.local=" + localRepository, .. goalAndProperties];
        var environment = new Dictionary<string, string?>
        {
            ["MAVEN_PASSWORD_PLANTON_RELEASES"] = null,
            ["MAVEN_PASSWORD_PLANTON_SNAPSHOTS"] = null,
        };
        if (variable is { } set)
        {
            environment[set.Name] = set.Value;
        }

        var result = await ProcessRunner.RunAsync("mvn", arguments, environment, _root);
        return (result, localRepository);
    }
}

using System.Text.Json.Nodes;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class DockerConfigWriterTests
{
    private static readonly RegistryCredential s_credential = new("u", new Secret("p"));
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("planton-docker-config-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task WriteAsync_NoFolderNoFile_CreatesBothAndTheFileIsOwnerOnly()
    {
        var path = Path.Combine(_folder, "nested", "config.json");

        var result = await DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth("h:5000", s_credential)]);

        var mode = OperatingSystem.IsWindows() ? (UnixFileMode?)null : File.GetUnixFileMode(path);
        Assert.Multiple(() =>
        {
            Assert.That(result.Changed, Is.True);
            Assert.That(result.Path, Is.EqualTo(path));
            Assert.That(result.Hosts, Is.EqualTo(new[] { "h:5000" }));
            Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(
                JsonNode.Parse(File.ReadAllText(path))!["auths"]!["h:5000"]!["auth"]!.GetValue<string>(),
                Is.EqualTo("dTpw"));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"), Is.Empty);
        });
    }

    [Test]
    public async Task WriteAsync_SameEntryAgain_Unchanged()
    {
        var path = Path.Combine(_folder, "config.json");
        await DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth("h:5000", s_credential)]);
        var before = File.GetLastWriteTimeUtc(path);

        var again = await DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth("h:5000", s_credential)]);

        Assert.Multiple(() =>
        {
            Assert.That(again.Changed, Is.False);
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task WriteAsync_ExistingFileIsNotJson_LeftByteForByteAndConfigurationError()
    {
        var path = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(path, "{ broken");

        var error = Assert.ThrowsAsync<RegistryConfigurationException>(
            () => DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth("h:5000", s_credential)]));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("{ broken"));
            Assert.That(error!.Message, Does.Contain(path).And.Contain("left unchanged"));
        });
    }

    [Test]
    public async Task WriteAsync_TwentyWritersAtOnce_EveryEntryKept()
    {
        var path = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(path, "{\n\t\"credsStore\": \"\"\n}");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth($"host{i}:5000", s_credential)]))));

        var auths = JsonNode.Parse(File.ReadAllText(path))!["auths"]!.AsObject();
        Assert.That(
            auths.Select(a => a.Key).Order(),
            Is.EquivalentTo(Enumerable.Range(0, 20).Select(i => $"host{i}:5000")));
    }

    [Test]
    public async Task WriteAsync_PathIsASymbolicLink_TargetUpdatedLinkKept()
    {
        var target = Path.Combine(_folder, "real", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, "{}");
        var link = Path.Combine(_folder, "config.json");
        File.CreateSymbolicLink(link, target);

        await DockerConfigWriter.WriteAsync(link, [new DockerConfigAuth("h:5000", s_credential)]);

        Assert.Multiple(() =>
        {
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
            Assert.That(File.ReadAllText(target), Does.Contain("h:5000"));
        });
    }

    [TestCase("{\"credsStore\":\"desktop\"}", 1, "credsStore names docker-credential-desktop")]
    [TestCase("{\"credHelpers\":{\"h:5000\":\"gcloud\"}}", 1, "credHelpers names docker-credential-gcloud for h:5000")]
    [TestCase("{\"credHelpers\":{\"h:5000\":\"planton\",\"x\":\"gcloud\"}}", 0, null)]
    [TestCase("{\"credsStore\":\"\"}", 0, null)]
    public async Task WriteAsync_HelpersConfigured_WarnsWhenDockerWouldNotReadTheEntry(
        string original, int warnings, string? text)
    {
        var path = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(path, original);

        var result = await DockerConfigWriter.WriteAsync(path, [new DockerConfigAuth("h:5000", s_credential)]);

        Assert.That(result.Warnings, Has.Count.EqualTo(warnings));
        if (text is not null)
        {
            Assert.That(result.Warnings[0], Does.StartWith(text));
        }
    }

    [Test]
    public void WriteAsync_RepeatedHost_Refused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => DockerConfigWriter.WriteAsync(
            Path.Combine(_folder, "config.json"),
            [new DockerConfigAuth("h:5000", s_credential), new DockerConfigAuth("h:5000", s_credential)]));
    }

    [TestCase("/etc/docker-cfg", "/home/u", "/etc/docker-cfg/config.json")]
    [TestCase(null, "/home/u", "/home/u/.docker/config.json")]
    [TestCase("", "/home/u", "/home/u/.docker/config.json")]
    public void GetDefaultPath_Environment_DockerConfigElseHome(string? dockerConfig, string home, string expected)
    {
        var path = DockerConfigWriter.GetDefaultPath(name => name == "DOCKER_CONFIG" ? dockerConfig : null, home);

        Assert.That(path, Is.EqualTo(expected));
    }

    [Test]
    public void GetDefaultPath_NoDockerConfigNoHome_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => DockerConfigWriter.GetDefaultPath(_ => null, null));
    }

    [TestCase("ghcr.io")]
    [TestCase("127.0.0.1:5001")]
    public void DockerConfigAuth_ValidHost_Accepted(string host)
    {
        Assert.That(new DockerConfigAuth(host, s_credential).ToString(), Is.EqualTo(host + ": u:***"));
    }

    [TestCase("https://ghcr.io")]
    [TestCase("ghcr.io/v2/")]
    [TestCase("gh cr.io")]
    [TestCase("")]
    public void DockerConfigAuth_NotAHost_Refused(string host)
    {
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => _ = new DockerConfigAuth(host, s_credential));
    }
}

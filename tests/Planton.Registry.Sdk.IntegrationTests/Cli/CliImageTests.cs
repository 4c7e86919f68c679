using System.Text.Json;
using Planton.Registry.Sdk.IntegrationTests.Distribution;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>
/// The command line against the real registries: push the layout that make-oci-layout.sh writes through an
/// OciRegistry connection, check with skopeo that the registry holds exactly that image, pull it back.
/// </summary>
[Category("Integration")]
public sealed class CliImageTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() =>
        _work = Directory.CreateTempSubdirectory("planton-cli-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [TestCase("basic", "PLANTON_REGISTRY_URL")]
    [TestCase("token", "PLANTON_REGISTRY_TOKEN_URL")]
    [TestCase("tls", "PLANTON_REGISTRY_TLS_URL")]
    public async Task Push_ThenSkopeoInspectAndPull_SeeTheSameImage(string instance, string urlVariable)
    {
        var tag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "01234567";
        var layout = Path.Combine(_work, "layout");
        var layoutDigest = await ExternalTools.MakeOciLayoutAsync(layout, tag);
        var url = LoopbackServers.Require(urlVariable);
        var connection = WriteConnection(instance, url, LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"));
        var image = "cli/" + instance + "-" + Guid.NewGuid().ToString("N")[..8];

        var push = await ProcessRunner.RunCliAsync(
            ["push", "--connection", connection, "--layout", layout, "--image", image, "--tag", tag], TlsEnvironment());

        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        var host = new Uri(url).Authority;
        var expected = $"{host}/{image}:{tag}@{layoutDigest}";
        Assert.That(push.StandardOutput.Trim(), Is.EqualTo(expected));

        var inspect = await Skopeo(
            ["inspect", .. SkopeoTransportArguments(instance), $"docker://{host}/{image}:{tag}"]);
        using (var document = JsonDocument.Parse(inspect.StandardOutput))
        {
            Assert.That(document.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(layoutDigest));
        }

        var pulled = Path.Combine(_work, "pulled");
        var pull = await ProcessRunner.RunCliAsync(
            ["pull", "--connection", connection, "--ref", $"{host}/{image}:{tag}", "--layout", pulled],
            TlsEnvironment());

        Assert.That(pull.ExitCode, Is.Zero, pull.ToString());
        Assert.That(pull.StandardOutput.Trim(), Is.EqualTo($"{host}/{image}@{layoutDigest}"));
        AssertSameBlobs(layout, pulled);
    }

    [TestCase("GitHubContainerRegistry", "planton-org/")]
    [TestCase("JFrogArtifactory", "docker-local/")]
    [TestCase("AzureContainerRegistry", "")]
    public async Task Push_StaticCredentialProviderWithRegistryUrl_LandsWhereTheReferenceSays(
        string provider, string prefix)
    {
        var url = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        var user = LoopbackServers.Require("PLANTON_REGISTRY_USER");
        var password = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD");
        object fields = provider switch
        {
            "GitHubContainerRegistry" => new
            {
                Username = user, PersonalAccessToken = password, Owner = "Planton-Org", RegistryUrl = url,
            },
            "JFrogArtifactory" => new
            {
                Url = url, RepositoryKey = "docker-local", Username = user, AccessToken = password,
            },
            _ => new { RegistryName = "plantonacr01", Username = user, Password = password, RegistryUrl = url },
        };
        var connection = Path.Combine(_work, provider + ".json");
        File.WriteAllText(
            connection,
            JsonSerializer.Serialize(
                new Dictionary<string, object> { ["Name"] = "p", ["Provider"] = provider, [provider] = fields }));
        var layout = Path.Combine(_work, "layout");
        var digest = await ExternalTools.MakeOciLayoutAsync(layout, "v1");
        var image = "Svc-" + Guid.NewGuid().ToString("N")[..8];

        var push = await ProcessRunner.RunCliAsync(
            [
                "push", "--connection", connection, "--layout", layout,
                "--image", image.ToLowerInvariant(), "--tag", "v1",
            ]);

        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        var expected = $"{new Uri(url).Authority}/{prefix}{image.ToLowerInvariant()}:v1";
        Assert.That(push.StandardOutput.Trim(), Is.EqualTo($"{expected}@{digest}"));
        var inspect = await Skopeo(["inspect", .. SkopeoTransportArguments("basic"), "docker://" + expected]);
        using var document = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(document.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(digest));
    }

    [Test]
    public async Task Push_WrongPassword_ExitsThreeWithoutTheSecret()
    {
        const string wrong = "Wr0ng-Pa55word-Never-Printed";
        var layout = Path.Combine(_work, "layout");
        await ExternalTools.MakeOciLayoutAsync(layout, "v1");
        var connection = WriteConnection("basic", LoopbackServers.Require("PLANTON_REGISTRY_URL"), wrong);

        var push = await ProcessRunner.RunCliAsync(
            [
                "push", "--verbose", "--connection", connection, "--layout", layout,
                "--image", "cli/denied", "--tag", "v1",
            ]);

        Assert.That(push.ExitCode, Is.EqualTo(3), push.ToString());
        Assert.That(push.StandardOutput + push.StandardError, Does.Not.Contain(wrong));
        Assert.That(push.StandardError, Does.Contain("127.0.0.1:5001"));
    }

    [Test]
    public async Task Pull_MissingTag_ExitsFour()
    {
        var url = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        var connection = WriteConnection("basic", url, LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"));

        var pull = await ProcessRunner.RunCliAsync(
            ["pull", "--connection", connection, "--ref", $"{new Uri(url).Authority}/cli/none-{Guid.NewGuid():N}:nope",
                "--layout", Path.Combine(_work, "pulled")]);

        Assert.That(pull.ExitCode, Is.EqualTo(4), pull.ToString());
        Assert.That(Directory.Exists(Path.Combine(_work, "pulled")), Is.False);
    }

    [Test]
    public async Task Pull_ReferenceOnAnotherRegistry_ExitsTwoAndSendsNothing()
    {
        var connection = WriteConnection(
            "basic",
            LoopbackServers.Require("PLANTON_REGISTRY_URL"),
            LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"));

        var pull = await ProcessRunner.RunCliAsync(
            ["pull", "--connection", connection, "--ref", "127.0.0.1:5002/some/image:tag", "--layout", _work]);

        Assert.That(pull.ExitCode, Is.EqualTo(2), pull.ToString());
        Assert.That(pull.StandardError, Does.Contain("--ref"));
    }

    private static void AssertSameBlobs(string expectedLayout, string actualLayout)
    {
        var expected = Directory.GetFiles(Path.Combine(expectedLayout, "blobs", "sha256"))
            .Select(Path.GetFileName)
            .Order()
            .ToArray();
        var actual = Directory.GetFiles(Path.Combine(actualLayout, "blobs", "sha256"))
            .Select(Path.GetFileName)
            .Order()
            .ToArray();
        Assert.That(actual, Is.EqualTo(expected));
        foreach (var name in expected)
        {
            Assert.That(
                File.ReadAllBytes(Path.Combine(actualLayout, "blobs", "sha256", name!)),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(expectedLayout, "blobs", "sha256", name!))),
                name);
        }
    }

    private static Dictionary<string, string?> TlsEnvironment() => new()
    {
        ["SSL_CERT_DIR"] = LoopbackServers.Require("PLANTON_TLS_CERT_DIR") + ":/etc/ssl/certs",
    };

    private static string[] SkopeoTransportArguments(string instance) =>
        instance == "tls"
            ? ["--cert-dir", LoopbackServers.Require("PLANTON_TLS_CERT_DIR"), "--creds", Credentials()]
            : ["--tls-verify=false", "--creds", Credentials()];

    private static string Credentials() =>
        $"{LoopbackServers.Require("PLANTON_REGISTRY_USER")}:{LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD")}";

    private static async Task<ProcessResult> Skopeo(string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("skopeo", arguments);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    private string WriteConnection(string name, string url, string password)
    {
        var path = Path.Combine(_work, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Name = name,
            Provider = "OciRegistry",
            OciRegistry = new
            {
                Url = url,
                Username = LoopbackServers.Require("PLANTON_REGISTRY_USER"),
                Password = password,
            },
        }));
        return path;
    }
}

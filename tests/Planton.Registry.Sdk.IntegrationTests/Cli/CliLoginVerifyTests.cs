using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Planton.Registry.Cli;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>
/// <c>login</c> checks the credential against the real loopback registries (Basic on :5001, Bearer on :5003) before
/// it writes anything, as <c>docker login</c> does.
/// </summary>
[Category("Integration")]
public sealed class CliLoginVerifyTests
{
    private const string Existing = "{\n\t\"auths\": {\n\t\t\"ghcr.io\": {\"auth\": \"eDp5\"}\n\t}\n}";
    private string _work = null!;
    private string _config = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Directory.CreateTempSubdirectory("planton-login-verify-").FullName;
        _config = Path.Combine(_work, "config.json");
        File.WriteAllText(_config, Existing);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [TestCase("PLANTON_REGISTRY_URL")]
    [TestCase("PLANTON_REGISTRY_TOKEN_URL")]
    public async Task Login_WrongPassword_ExitsThreeAndLeavesTheConfig(string urlVariable)
    {
        const string wrong = "Wr0ng-Login-Password-000";
        var connection = WriteConnection(LoopbackServers.Require(urlVariable), wrong);

        var (code, stdout, stderr) = await RunAsync(["login", "--connection", connection, "--docker-config", _config]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3), stderr);
            Assert.That(stderr, Does.Contain("refused").And.Contain("was not changed"));
            Assert.That(stdout + stderr, Does.Not.Contain(wrong));
            Assert.That(File.ReadAllText(_config), Is.EqualTo(Existing));
        });
    }

    [TestCase("PLANTON_REGISTRY_URL")]
    [TestCase("PLANTON_REGISTRY_TOKEN_URL")]
    public async Task Login_RightPassword_ExitsZeroAndWritesTheEntry(string urlVariable)
    {
        var url = LoopbackServers.Require(urlVariable);
        var connection = WriteConnection(url, LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD"));

        var (code, _, stderr) = await RunAsync(["login", "--connection", connection, "--docker-config", _config]);

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(_config));
        var auths = json.RootElement.GetProperty("auths");
        Assert.Multiple(() =>
        {
            Assert.That(auths.TryGetProperty(new Uri(url).Authority, out _), Is.True);
            Assert.That(auths.TryGetProperty("ghcr.io", out _), Is.True);
        });
    }

    [Test]
    public async Task Login_RegistryUnreachable_ExitsOneAndLeavesTheConfig()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connection = WriteConnection($"http://127.0.0.1:{port}", "testpassword");

        var (code, _, stderr) = await RunAsync(["login", "--connection", connection, "--docker-config", _config]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("could not be checked"));
            Assert.That(File.ReadAllText(_config), Is.EqualTo(Existing));
        });
    }

    [Test]
    public async Task Login_NoVerifyWrongPassword_WritesWithoutChecking()
    {
        var connection = WriteConnection(LoopbackServers.Require("PLANTON_REGISTRY_URL"), "Wr0ng-Login-Password-000");

        var (code, _, stderr) = await RunAsync(
            ["login", "--no-verify", "--connection", connection, "--docker-config", _config]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(File.ReadAllText(_config), Does.Contain(LoopbackServers.Require("PLANTON_REGISTRY_HOST")));
        });
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteConnection(string url, string password)
    {
        var path = Path.Combine(_work, "oci.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Name = "oci",
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

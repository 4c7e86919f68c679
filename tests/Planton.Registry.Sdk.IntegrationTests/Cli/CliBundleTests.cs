using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>
/// <c>bundle put|get|list|delete</c> as a separate process against the SigV4-verifying S3 server, over http and
/// over https with the test CA trusted through SSL_CERT_DIR.
/// </summary>
[Category("Integration")]
public sealed class CliBundleTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("planton-bundle-cli-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [TestCase("PLANTON_S3_ENDPOINT")]
    [TestCase("PLANTON_S3_TLS_ENDPOINT")]
    public async Task PutGetListDelete_RoundTripsByteForByte(string endpointVariable)
    {
        var source = MakeBundle("v1");
        var connection = WriteConnection(
            LoopbackServers.Require(endpointVariable),
            LoopbackServers.Require("PLANTON_S3_SECRET_ACCESS_KEY"));
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];
        const string tag = "0123456789abcdef0123456789abcdef01234567";

        var put = await Cli(
            ["bundle", "put", "--connection", connection, "--dir", source, "--name", name, "--tag", tag]);
        var target = Path.Combine(_work, "fetched");
        var get = await Cli(
            ["bundle", "get", "--connection", connection, "--name", name, "--tag", tag, "--dir", target]);
        var list = await Cli(["bundle", "list", "--connection", connection, "--name", name]);

        Assert.That(put.ExitCode, Is.Zero, put.ToString());
        Assert.That(put.StandardOutput, Does.StartWith($"{name}:{tag} sha256:"));
        Assert.That(get.ExitCode, Is.Zero, get.ToString());
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            Assert.That(
                File.ReadAllBytes(Path.Combine(target, relative)),
                Is.EqualTo(File.ReadAllBytes(file)),
                relative);
        }

        Assert.That(list.StandardOutput, Does.StartWith(tag + "\t"));

        var delete = await Cli(["bundle", "delete", "--connection", connection, "--name", name, "--tag", tag]);
        var again = await Cli(["bundle", "delete", "--connection", connection, "--name", name, "--tag", tag]);

        Assert.That(delete.ExitCode, Is.Zero, delete.ToString());
        Assert.That(again.ExitCode, Is.EqualTo(4), again.ToString());
    }

    [Test]
    public async Task Put_SameVersionOtherContent_IsRefusedUnlessForced()
    {
        var connection = WriteConnection(
            LoopbackServers.Require("PLANTON_S3_ENDPOINT"),
            LoopbackServers.Require("PLANTON_S3_SECRET_ACCESS_KEY"));
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];

        var first = await Cli(
            ["bundle", "put", "--connection", connection, "--dir", MakeBundle("one"), "--name", name, "--tag", "abc"]);
        var second = await Cli(
            ["bundle", "put", "--connection", connection, "--dir", MakeBundle("two"), "--name", name, "--tag", "abc"]);
        var forced = await Cli(
            [
                "bundle", "put", "--connection", connection, "--dir", MakeBundle("three"),
                "--name", name, "--tag", "abc", "--force",
            ]);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(2), second.ToString());
        Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
        Assert.That(forced.StandardOutput, Does.Contain("(replaced)"));
    }

    [Test]
    public async Task Put_WrongSecret_ExitsThreeWithoutTheSecret()
    {
        const string wrong = "0000wrongsecret0000wrongsecret0000wrongsecret00";
        var connection = WriteConnection(LoopbackServers.Require("PLANTON_S3_ENDPOINT"), wrong);

        var put = await Cli(
            [
                "bundle", "put", "--verbose", "--connection", connection, "--dir", MakeBundle("x"),
                "--name", "denied", "--tag", "v1",
            ]);

        Assert.That(put.ExitCode, Is.EqualTo(3), put.ToString());
        Assert.That(put.StandardOutput + put.StandardError, Does.Not.Contain(wrong));
    }

    private static Task<ProcessResult> Cli(string[] arguments) =>
        ProcessRunner.RunCliAsync(arguments, new Dictionary<string, string?>
        {
            ["SSL_CERT_DIR"] = LoopbackServers.Require("PLANTON_TLS_CERT_DIR") + ":/etc/ssl/certs",
        });

    private string MakeBundle(string content)
    {
        var directory = Path.Combine(_work, "src-" + content);
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        File.WriteAllText(
            Path.Combine(directory, "index.js"),
            $"export default {{ fetch() {{ return new Response('{content}'); }} }};");
        File.WriteAllText(Path.Combine(directory, "lib", "util.mjs"), "export const x = 1;");
        File.WriteAllBytes(Path.Combine(directory, "module.wasm"), [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
        return directory;
    }

    private string WriteConnection(string endpoint, string secret)
    {
        var path = Path.Combine(_work, "r2.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Name = "workers",
            Provider = "CloudflareR2",
            CloudflareR2 = new
            {
                AccountId = "0123456789abcdef0123456789abcdef",
                AccessKeyId = LoopbackServers.Require("PLANTON_S3_ACCESS_KEY_ID"),
                SecretAccessKey = secret,
                Bucket = LoopbackServers.Require("PLANTON_S3_BUCKET"),
                Endpoint = endpoint,
            },
        }));
        return path;
    }
}

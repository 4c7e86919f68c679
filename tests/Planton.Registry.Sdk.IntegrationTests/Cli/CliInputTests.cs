using System.Text.Json;

namespace Planton.Registry.Sdk.IntegrationTests.Cli;

/// <summary>
/// The command line's offline commands, run as a separate process: output, exit codes, no secret printed.
/// </summary>
[Category("Integration")]
public sealed class CliInputTests
{
    private const string Sha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [TestCase("ubuntu", "docker.io", "library/ubuntu", null, null, "docker.io/library/ubuntu")]
    [TestCase("localhost:5000/a/b:v1", "localhost:5000", "a/b", "v1", null, "localhost:5000/a/b:v1")]
    [TestCase("[::1]:5000/x@" + Sha256, "[::1]:5000", "x", null, Sha256, "[::1]:5000/x@" + Sha256)]
    public async Task RefParse_Json_PrintsTheParts(
        string input, string registry, string repository, string? tag, string? digest, string canonical)
    {
        var result = await ProcessRunner.RunCliAsync(["ref", "parse", "--json", input]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.That(root.GetProperty("registry").GetString(), Is.EqualTo(registry));
        Assert.That(root.GetProperty("repository").GetString(), Is.EqualTo(repository));
        Assert.That(root.GetProperty("tag").GetString(), Is.EqualTo(tag));
        Assert.That(root.GetProperty("digest").GetString(), Is.EqualTo(digest));
        Assert.That(root.GetProperty("canonical").GetString(), Is.EqualTo(canonical));
    }

    [TestCase("upper/CASE")]
    [TestCase("a:" + "t")]
    [TestCase("-leading-dash")]
    public async Task RefParse_Invalid_ExitsTwoNamingTheReference(string input)
    {
        var result = await ProcessRunner.RunCliAsync(["ref", "parse", "--", input]);

        if (input == "a:t")
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            return;
        }

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Does.Contain(input));
    }

    [Test]
    public async Task UnknownCommand_ExitsTwo()
    {
        var result = await ProcessRunner.RunCliAsync(["frobnicate"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    public async Task Validate_InvalidConnection_ExitsTwoNamingEveryFieldWithoutSecrets()
    {
        const string secret = "Super$ecret-Value-For-Test";
        var file = Path.Combine(Directory.CreateTempSubdirectory("planton-cli-").FullName, "ecr.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            Name = "prod-images",
            Provider = "AwsEcr",
            AwsEcr = new { AccountId = "12345", Region = "US East", AccessKeyId = "", SecretAccessKey = secret + " x" },
        }));

        var result = await ProcessRunner.RunCliAsync(["validate", "--connection", file]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("AwsEcr:AccountId: "));
        Assert.That(result.StandardOutput, Does.Contain("AwsEcr:Region: "));
        Assert.That(result.StandardOutput, Does.Contain("AwsEcr:AccessKeyId: "));
        Assert.That(result.StandardOutput, Does.Contain("AwsEcr:SecretAccessKey: "));
        Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(secret));
    }

    [Test]
    public async Task RefBuild_ForEcrConnection_PrintsTheRegistryReference()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("planton-cli-").FullName, "ecr.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            Name = "prod-images",
            Provider = "AwsEcr",
            AwsEcr = new
            {
                AccountId = "123456789012",
                Region = "eu-west-1",
                AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            },
        }));

        var result = await ProcessRunner.RunCliAsync(
            [
                "ref", "build", "--connection", file, "--image", "billing-api",
                "--tag", "0123456789abcdef0123456789abcdef01234567",
            ]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(
            result.StandardOutput.Trim(),
            Is.EqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing-api:"
                + "0123456789abcdef0123456789abcdef01234567"));
    }
}

using System.Security.Authentication;
using Planton.Registry.Cli;

namespace Planton.Registry.Sdk.Tests.Cli;

public sealed class CliErrorTests
{
    [Test]
    public async Task RunAsync_ScopeStartingWithAt_IsAValueNotAResponseFile()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");

        var code = await CliApplication.RunAsync(
            ["npmrc", "--connection", missing, "--scope", "@acme", "--out", missing + ".npmrc"], stdout, stderr);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Not.Contain("Response file"));
        Assert.That(stderr.ToString(), Does.Contain(missing));
    }

    [Test]
    public void Writers_PathIsAFolder_RefuseWithAToolConfigError()
    {
        var folder = Directory.CreateTempSubdirectory("planton-out-").FullName;
        var entry = new Planton.Registry.Sdk.ToolConfig.NpmRegistryEntry(
            new Uri("https://npm.pkg.github.com/"),
            "@acme",
            Planton.Registry.Sdk.ToolConfig.NpmAuth.Token(new Planton.Registry.Sdk.Credentials.Secret("t0ken")),
            AlwaysAuth: false);

        Assert.That(
            async () => await Planton.Registry.Sdk.ToolConfig.NpmrcWriter.WriteAsync(folder, [entry]),
            Throws.TypeOf<ToolConfigFileException>().With.Message.Contains("is a folder"));
        Assert.That(ErrorReporter.ExitCodeOf(new ToolConfigFileException(folder, "is a folder")), Is.EqualTo(2));
    }

    [Test]
    public void ExitCodeOf_ArgumentException_IsInvalidInput()
    {
        Assert.That(ErrorReporter.ExitCodeOf(new ArgumentException("empty", "layoutDirectory")), Is.EqualTo(2));
    }

    [Test]
    public void Describe_MessagePointingAtItsCause_NamesTheCause()
    {
        var exception = new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid: UntrustedRoot"));

        Assert.That(
            ErrorReporter.Describe(exception), Does.EndWith("(The remote certificate is invalid: UntrustedRoot)"));
    }
}

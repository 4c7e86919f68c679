using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.IntegrationTests.ToolConfig;

/// <summary>
/// Real npm against Verdaccio (shared/scripts/verdaccio-up.sh, started by <see cref="LoopbackServers"/>), configured
/// only by the <c>.npmrc</c> the writer produces: npm runs with <c>HOME</c>, <c>NPM_CONFIG_USERCONFIG</c> and its
/// cache in a temporary folder, every inherited <c>npm_config_*</c> variable removed, and in project folders that hold
/// no <c>.npmrc</c>.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class NpmrcIntegrationTests
{
    private string _root = null!;
    private Uri _registry = null!;
    private string _user = null!;
    private Secret _password = null!;
    private Secret _token = null!;
    private readonly List<string> _published = [];
    private string _package = null!;

    [OneTimeSetUp]
    public async Task PublishSharedPackageAsync()
    {
        _registry = new Uri(LoopbackServers.Require("PLANTON_NPM_REGISTRY_URL"));
        _user = LoopbackServers.Require("PLANTON_NPM_USER");
        _password = new Secret(LoopbackServers.Require("PLANTON_NPM_PASSWORD"));
        _token = new Secret(LoopbackServers.Require("PLANTON_NPM_TOKEN"));
        _root = Directory.CreateTempSubdirectory("planton-npm-it-").FullName;

        var npmrc = await WriteNpmrcAsync("publisher", NpmAuth.Token(_token));
        _package = await PublishAsync(npmrc);
    }

    [OneTimeTearDown]
    public async Task UnpublishAsync()
    {
        if (_root is null)
        {
            return;
        }

        var npmrc = await WriteNpmrcAsync("cleanup", NpmAuth.Token(_token));
        foreach (var name in _published)
        {
            await NpmAsync(npmrc, _root, "unpublish", "--force", name);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task PublishAndInstall_GeneratedNpmrc_Succeeds()
    {
        var npmrc = await WriteNpmrcAsync("publish-install", NpmAuth.Token(_token));

        var name = await PublishAsync(npmrc);
        var (install, app) = await InstallAsync(npmrc, name);

        Assert.That(install.ExitCode, Is.Zero, $"npm install: {install}");
        var required = await ProcessRunner.RunAsync(
            "node", ["-e", $"process.stdout.write(require('{name}'))"], workingDirectory: app);
        Assert.That(required.StandardOutput, Is.EqualTo("hello from " + name), $"node: {required}");
    }

    [TestCase("token")]
    [TestCase("username and _password")]
    [TestCase("_auth")]
    [TestCase("token with always-auth")]
    public async Task Install_EachCredentialForm_Succeeds(string form)
    {
        var npmrc = await WriteNpmrcAsync(
            "form-" + form.Replace(' ', '-'), Auth(form, good: true), form.EndsWith("always-auth"));

        var (install, _) = await InstallAsync(npmrc, _package);

        Assert.That(install.ExitCode, Is.Zero, $"npm install: {install}");
    }

    [TestCase("token")]
    [TestCase("username and _password")]
    [TestCase("_auth")]
    public async Task Install_WrongCredential_RefusedWith401(string form)
    {
        var npmrc = await WriteNpmrcAsync("wrong-" + form.Replace(' ', '-'), Auth(form, good: false));

        var (install, _) = await InstallAsync(npmrc, _package);

        Assert.That(install.ExitCode, Is.Not.Zero, $"npm install: {install}");
        Assert.That(install.StandardError, Does.Contain("E401"), $"npm install: {install}");
    }

    [Test]
    public async Task Install_Placeholder_NpmExpandsTheVariable()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "placeholder")).FullName;
        var npmrc = Path.Combine(folder, ".npmrc");
        var result = await NpmrcWriter.WriteAsync(
            npmrc,
            [new NpmRegistryEntry(_registry, "@planton", NpmAuth.Token(_token), false)],
            new NpmrcWriteOptions { UseEnvironmentPlaceholders = true });
        var variable = result.EnvironmentVariables.Single();

        var (withVariable, _) = await InstallAsync(npmrc, _package, (variable.Key, variable.Value.Reveal()));
        var (wrongVariable, _) = await InstallAsync(npmrc, _package, (variable.Key, "wrong-token"));
        var (noVariable, _) = await InstallAsync(npmrc, _package);

        Assert.That(await File.ReadAllTextAsync(npmrc), Does.Contain("_authToken=${NPM_TOKEN_PLANTON}")
            .And.Not.Contain(_token.Reveal()));
        Assert.That(variable.Key, Is.EqualTo("NPM_TOKEN_PLANTON"));
        Assert.That(withVariable.ExitCode, Is.Zero, $"npm install with the variable: {withVariable}");
        Assert.That(wrongVariable.StandardError, Does.Contain("E401"), $"npm install, wrong value: {wrongVariable}");
        Assert.That(noVariable.StandardError, Does.Contain("E401"), $"npm install without the variable: {noVariable}");
    }

    [Test]
    public async Task WriteTwice_ExistingNpmrc_KeepsEveryOtherLineAndNpmUsesIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "existing")).FullName;
        var npmrc = Path.Combine(folder, ".npmrc");
        var host = "//" + _registry.Authority + "/";
        string[] others =
        [
            "# team settings: do not remove",
            "fund=false",
            string.Empty,
            "@other:registry=https://registry.example.invalid/",
            "//registry.example.invalid/:_authToken=keep-me",
            "; another comment",
            "save-exact=true",
        ];
        var original = string.Join('\n', others[..4]) + "\n" + host + ":_authToken=stale-token\n"
            + string.Join('\n', others[4..]) + "\n";
        await File.WriteAllTextAsync(npmrc, original);
        NpmRegistryEntry[] entries = [new(_registry, "@planton", NpmAuth.Token(_token), false)];

        var first = await NpmrcWriter.WriteAsync(npmrc, entries);
        var afterFirst = await File.ReadAllBytesAsync(npmrc);
        var second = await NpmrcWriter.WriteAsync(npmrc, entries);
        var (install, _) = await InstallAsync(npmrc, _package);

        var lines = (await File.ReadAllTextAsync(npmrc)).Split('\n');
        bool Ours(string line) => line.StartsWith(host + ":", StringComparison.Ordinal)
            || line.StartsWith("@planton:registry=", StringComparison.Ordinal);
        Assert.That(first.Changed, Is.True);
        Assert.That(second.Changed, Is.False);
        Assert.That(await File.ReadAllBytesAsync(npmrc), Is.EqualTo(afterFirst));
        Assert.That(
            lines.Where(l => !Ours(l)),
            Is.EqualTo(original.Split('\n').Where(l => !Ours(l))),
            "every other line, byte for byte and in its order");
        Assert.That(lines.Where(Ours), Is.EqualTo(new[]
        {
            host + ":_authToken=" + _token.Reveal(),
            "@planton:registry=" + _registry.AbsoluteUri,
        }));
        Assert.That(install.ExitCode, Is.Zero, $"npm install: {install}");
    }

    private NpmAuth Auth(string form, bool good) => form switch
    {
        "username and _password" => NpmAuth.UsernamePassword(_user, good ? _password : new Secret("wrong-password")),
        "_auth" => NpmAuth.Basic(_user, good ? _password : new Secret("wrong-password")),
        _ => NpmAuth.Token(good ? _token : new Secret("wrong-token")),
    };

    private async Task<string> WriteNpmrcAsync(string name, NpmAuth auth, bool alwaysAuth = false)
    {
        var npmrc = Path.Combine(_root, "rc-" + name, ".npmrc");
        await NpmrcWriter.WriteAsync(npmrc, [new NpmRegistryEntry(_registry, "@planton", auth, alwaysAuth)]);
        return npmrc;
    }

    private async Task<string> PublishAsync(string npmrc)
    {
        var name = "@planton/hello-" + Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateDirectory(Path.Combine(_root, "pkg-" + name[9..])).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(folder, "package.json"), $$"""{"name":"{{name}}","version":"1.0.0","main":"index.js"}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "index.js"), $"module.exports = 'hello from {name}';\n");

        var publish = await NpmAsync(npmrc, folder, "publish");

        Assert.That(publish.ExitCode, Is.Zero, $"npm publish: {publish}");
        _published.Add(name);
        return name;
    }

    private async Task<(ProcessResult Result, string App)> InstallAsync(
        string npmrc, string name, (string Name, string Value)? variable = null)
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, "app-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(app, "package.json"), """{"name":"app","version":"1.0.0","private":true}""");
        var result = await NpmAsync(npmrc, app, variable, "install", name);
        return (result, app);
    }

    private Task<ProcessResult> NpmAsync(string npmrc, string folder, params string[] arguments) =>
        NpmAsync(npmrc, folder, null, arguments);

    private Task<ProcessResult> NpmAsync(
        string npmrc, string folder, (string Name, string Value)? variable, params string[] arguments)
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var environment = new Dictionary<string, string?>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("NPM_TOKEN", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NODE_AUTH_TOKEN", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        environment["HOME"] = home;
        environment["NPM_CONFIG_USERCONFIG"] = npmrc;
        environment["npm_config_cache"] = Path.Combine(_root, "npm-cache");
        environment["npm_config_update_notifier"] = "false";
        environment["npm_config_audit"] = "false";
        environment["npm_config_fund"] = "false";
        if (variable is { } set)
        {
            environment[set.Name] = set.Value;
        }

        return ProcessRunner.RunAsync("npm", arguments, environment, folder);
    }
}

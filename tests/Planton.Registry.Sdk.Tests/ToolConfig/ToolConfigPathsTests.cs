using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class ToolConfigPathsTests
{
    private const string Home = "/home/dev";

    [TestCase(null, null, "/home/dev/.npmrc")]
    [TestCase("", "", "/home/dev/.npmrc")]
    [TestCase("/etc/ci/npmrc", null, "/etc/ci/npmrc")]
    [TestCase(null, "/etc/ci/lower-npmrc", "/etc/ci/lower-npmrc")]
    [TestCase("/etc/upper", "/etc/lower", "/etc/upper")]
    [TestCase("~/cfg/npmrc", null, "/home/dev/cfg/npmrc")]
    [Platform(Exclude = "Win")]
    public void GetDefaultNpmrcPath_Environment_FollowsNpm(string? upper, string? lower, string expected)
    {
        var variables = new Dictionary<string, string?>
        {
            ["NPM_CONFIG_USERCONFIG"] = upper,
            ["npm_config_userconfig"] = lower,
        };

        var path = ToolConfigPaths.GetDefaultNpmrcPath(name => variables.GetValueOrDefault(name), Home);

        Assert.That(path, Is.EqualTo(expected));
    }

    [Test]
    public void GetDefaultMavenSettingsPath_Always_IsUnderDotM2()
    {
        var path = ToolConfigPaths.GetDefaultMavenSettingsPath();

        Assert.That(path, Is.EqualTo(Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".m2", "settings.xml")));
    }
}

using System.Runtime.Versioning;
using System.Text;
using System.Xml.Linq;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class MavenSettingsWriterTests
{
    private static readonly MavenServerEntry s_releases = new(
        "releases", "user", new Secret("pw-1"), new Uri("https://maven.example.invalid/releases"))
    {
        Snapshots = false,
    };

    private static readonly MavenServerEntry s_snapshots = new(
        "snapshots", "user", new Secret("pw-2"), new Uri("https://maven.example.invalid/snapshots/"))
    {
        Releases = false,
    };

    [Test]
    public async Task WriteAsync_MissingFile_WritesServersProfileAndActiveProfile()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");

        var result = await MavenSettingsWriter.WriteAsync(path, [s_releases, s_snapshots]);

        Assert.That(result.Changed, Is.True);
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("""
            <?xml version="1.0" encoding="UTF-8"?>
            <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
              <servers>
                <server>
                  <id>releases</id>
                  <username>user</username>
                  <password>pw-1</password>
                </server>
                <server>
                  <id>snapshots</id>
                  <username>user</username>
                  <password>pw-2</password>
                </server>
              </servers>
              <profiles>
                <profile>
                  <id>planton-registries</id>
                  <repositories>
                    <repository>
                      <id>releases</id>
                      <url>https://maven.example.invalid/releases</url>
                      <releases>
                        <enabled>true</enabled>
                      </releases>
                      <snapshots>
                        <enabled>false</enabled>
                      </snapshots>
                    </repository>
                    <repository>
                      <id>snapshots</id>
                      <url>https://maven.example.invalid/snapshots/</url>
                      <releases>
                        <enabled>false</enabled>
                      </releases>
                      <snapshots>
                        <enabled>true</enabled>
                      </snapshots>
                    </repository>
                  </repositories>
                </profile>
              </profiles>
              <activeProfiles>
                <activeProfile>planton-registries</activeProfile>
              </activeProfiles>
            </settings>

            """));
    }

    [Test]
    public async Task WriteAsync_ScriptExampleFile_KeepsMirrorAndCommentAndAddsServer()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        await File.WriteAllTextAsync(path, """
            <settings>
              <servers>
                <server>
                  <id>planton</id>
                  <username>testuser</username>
                  <password>testpassword</password>
                </server>
              </servers>
              <mirrors>
                <!-- offline: take plugins from Debian's packages. -->
                <mirror>
                  <id>debian-offline</id>
                  <mirrorOf>central</mirrorOf>
                  <url>file:///usr/share/maven-repo</url>
                </mirror>
              </mirrors>
            </settings>

            """);
        var entry = s_releases with { IncludeRepository = false };

        await MavenSettingsWriter.WriteAsync(path, [entry]);
        var first = await File.ReadAllBytesAsync(path);
        var second = await MavenSettingsWriter.WriteAsync(path, [entry]);

        Assert.That(Encoding.UTF8.GetString(first), Is.EqualTo("""
            <settings>
              <servers>
                <server>
                  <id>planton</id>
                  <username>testuser</username>
                  <password>testpassword</password>
                </server>
                <server>
                  <id>releases</id>
                  <username>user</username>
                  <password>pw-1</password>
                </server>
              </servers>
              <mirrors>
                <!-- offline: take plugins from Debian's packages. -->
                <mirror>
                  <id>debian-offline</id>
                  <mirrorOf>central</mirrorOf>
                  <url>file:///usr/share/maven-repo</url>
                </mirror>
              </mirrors>
            </settings>

            """));
        Assert.That(second.Changed, Is.False);
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(first));
    }

    [Test]
    public async Task WriteAsync_RichFile_KeepsEveryElementAndComment()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        const string Original = """
            <?xml version='1.0' encoding='UTF-8'?>
            <!-- user settings -->
            <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                <localRepository>/data/m2</localRepository>
                <offline>false</offline>
                <proxies>
                    <proxy><id>corp</id><host>proxy.example.invalid</host><port>3128</port></proxy>
                </proxies>
                <servers>
                    <!-- keep me -->
                    <server>
                        <id>other</id>
                        <privateKey>/keys/id</privateKey>
                    </server>
                </servers>
                <mirrors><mirror><id>m</id><mirrorOf>central</mirrorOf><url>https://m.invalid</url></mirror></mirrors>
                <profiles>
                    <profile>
                        <id>corp</id>
                        <properties><a>1 &amp; 2</a></properties>
                    </profile>
                </profiles>
                <activeProfiles>
                    <activeProfile>corp</activeProfile>
                </activeProfiles>
                <pluginGroups><pluginGroup>org.example</pluginGroup></pluginGroups>
            </settings>

            """;
        await File.WriteAllTextAsync(path, Original);
        var before = XDocument.Parse(Original);

        await MavenSettingsWriter.WriteAsync(path, [s_releases, s_snapshots]);
        var first = await File.ReadAllBytesAsync(path);
        await MavenSettingsWriter.WriteAsync(path, [s_releases, s_snapshots]);

        var text = Encoding.UTF8.GetString(first);
        var after = XDocument.Parse(text);
        var ns = before.Root!.Name.Namespace;
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(first));
        Assert.That(text, Does.StartWith("<?xml version='1.0' encoding='UTF-8'?>\n<!-- user settings -->\n"));
        foreach (var element in before.Root.Elements())
        {
            var counterpart = after.Root!.Element(element.Name)!;
            if (element.Name.LocalName is "servers" or "profiles" or "activeProfiles")
            {
                var originalCount = element.Nodes().Count(n => n is not XText);
                var kept = counterpart.Nodes().Where(n => n is not XText).Take(originalCount);
                Assert.That(
                    kept.Zip(element.Nodes().Where(n => n is not XText)).All(p => XNode.DeepEquals(p.First, p.Second)),
                    Is.True,
                    element.Name.LocalName);
            }
            else
            {
                Assert.That(XNode.DeepEquals(element, counterpart), Is.True, element.Name.LocalName);
            }
        }

        Assert.That(after.Root!.Element(ns + "servers")!.Elements().Select(e => (string?)e.Element(ns + "id")),
            Is.EqualTo(new[] { "other", "releases", "snapshots" }));
        Assert.That(after.Root.Element(ns + "activeProfiles")!.Elements().Select(e => e.Value),
            Is.EqualTo(new[] { "corp", "planton-registries" }));
        Assert.That(text, Does.Contain("\n        <server>\n            <id>releases</id>\n"), "four-space indent");
    }

    [Test]
    public async Task WriteAsync_ExistingServerAndProfile_UpdatesInPlaceAndKeepsTheRest()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        await File.WriteAllTextAsync(path, """
            <settings>
              <servers>
                <server>
                  <id>releases</id>
                  <username>old-user</username>
                  <password>old-password</password>
                  <filePermissions>664</filePermissions>
                  <configuration>
                    <httpHeaders><property><name>X-A</name><value>b</value></property></httpHeaders>
                  </configuration>
                </server>
              </servers>
              <profiles>
                <profile>
                  <id>planton-registries</id>
                  <repositories>
                    <repository>
                      <id>kept</id>
                      <url>https://kept.example.invalid/</url>
                    </repository>
                    <repository>
                      <id>releases</id>
                      <url>https://old.example.invalid/</url>
                      <releases><enabled>false</enabled><updatePolicy>always</updatePolicy></releases>
                    </repository>
                  </repositories>
                </profile>
              </profiles>
              <activeProfiles>
                <activeProfile>planton-registries</activeProfile>
              </activeProfiles>
            </settings>
            """);

        await MavenSettingsWriter.WriteAsync(path, [s_releases with { PreemptiveAuthentication = true }]);

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("""
            <settings>
              <servers>
                <server>
                  <id>releases</id>
                  <username>user</username>
                  <password>pw-1</password>
                  <filePermissions>664</filePermissions>
                  <configuration>
                    <httpHeaders><property><name>X-A</name><value>b</value></property></httpHeaders>
                    <httpConfiguration>
                      <get>
                        <usePreemptive>true</usePreemptive>
                      </get>
                      <head>
                        <usePreemptive>true</usePreemptive>
                      </head>
                      <put>
                        <params>
                          <property>
                            <name>http.protocol.expect-continue</name>
                            <value>false</value>
                          </property>
                        </params>
                      </put>
                    </httpConfiguration>
                  </configuration>
                </server>
              </servers>
              <profiles>
                <profile>
                  <id>planton-registries</id>
                  <repositories>
                    <repository>
                      <id>kept</id>
                      <url>https://kept.example.invalid/</url>
                    </repository>
                    <repository>
                      <id>releases</id>
                      <url>https://maven.example.invalid/releases</url>
                      <releases><enabled>true</enabled><updatePolicy>always</updatePolicy></releases>
                      <snapshots>
                        <enabled>false</enabled>
                      </snapshots>
                    </repository>
                  </repositories>
                </profile>
              </profiles>
              <activeProfiles>
                <activeProfile>planton-registries</activeProfile>
              </activeProfiles>
            </settings>
            """));
    }

    [Test]
    public async Task WriteAsync_CrlfBomAndTabs_KeepsThem()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        var original =
            "<settings>\r\n\t<!-- a\r\n\tmulti-line comment -->\r\n\t<offline>true</offline>\r\n</settings>\r\n";
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(original)]);

        await MavenSettingsWriter.WriteAsync(path, [s_releases with { IncludeRepository = false }]);

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), Is.EqualTo(
            "<settings>\r\n\t<!-- a\r\n\tmulti-line comment -->\r\n\t<offline>true</offline>\r\n"
            + "\t<servers>\r\n\t\t<server>\r\n\t\t\t<id>releases</id>\r\n\t\t\t<username>user</username>\r\n"
            + "\t\t\t<password>pw-1</password>\r\n\t\t</server>\r\n\t</servers>\r\n</settings>\r\n"));
    }

    [Test]
    public async Task WriteAsync_Latin1File_KeepsItsEncoding()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        var latin1 = Encoding.Latin1;
        var original = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<settings><!-- café --></settings>\n";
        await File.WriteAllBytesAsync(path, latin1.GetBytes(original));

        await MavenSettingsWriter.WriteAsync(path, [s_releases with { IncludeRepository = false }]);

        var text = latin1.GetString(await File.ReadAllBytesAsync(path));
        Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<settings><!-- café -->"));
    }

    private static IEnumerable<TestCaseData> RefusedFiles()
    {
        yield return new TestCaseData(
                "<settings><servers></settings>", "it is not well-formed XML (line 1, position 22).")
            .SetName("{m}: mismatched tag");
        yield return new TestCaseData("not xml at all", "it is not well-formed XML (line 1, position 1).")
            .SetName("{m}: plain text");
        yield return new TestCaseData(
            "<!DOCTYPE settings [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><settings>&x;</settings>",
            "it holds a DOCTYPE, which is refused.").SetName("{m}: DTD");
        yield return new TestCaseData(
                "<project/>", "its root element is <project>, not the <settings> of a Maven settings file.")
            .SetName("{m}: another root");
        yield return new TestCaseData(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><settings/>",
            "it is not well-formed XML.").SetName("{m}: UTF-16 declared over UTF-8 bytes");
    }

    [TestCaseSource(nameof(RefusedFiles))]
    public async Task WriteAsync_UnusableFile_RefusedAndUntouched(string content, string reason)
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        await File.WriteAllTextAsync(path, content);

        var exception = Assert.ThrowsAsync<ToolConfigFileException>(
            () => MavenSettingsWriter.WriteAsync(path, [s_releases]));

        Assert.That(exception!.Path, Is.EqualTo(path));
        Assert.That(exception.Reason, Is.EqualTo(reason));
        Assert.That(exception.Message, Is.EqualTo($"Cannot update '{path}': {reason} The file was left unchanged."));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(content));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task WriteAsync_BlankFile_TreatedAsNew()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        await File.WriteAllTextAsync(path, "\n  \n");

        await MavenSettingsWriter.WriteAsync(path, [s_releases]);

        Assert.That(await File.ReadAllTextAsync(path), Does.StartWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">"));
    }

    [Test]
    public async Task WriteAsync_Placeholders_WritesEnvReferencesAndReturnsValues()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        var options = new MavenSettingsWriteOptions
        {
            UseEnvironmentPlaceholders = true,
            UseUsernamePlaceholders = true,
        };

        var result = await MavenSettingsWriter.WriteAsync(
            path,
            [s_releases with { IncludeRepository = false }, s_snapshots with { PasswordVariable = "SNAP_PW" }],
            options);

        var text = await File.ReadAllTextAsync(path);
        Assert.That(text, Does.Contain(
            "<id>releases</id>\n      <username>${env.MAVEN_USERNAME_RELEASES}</username>\n"
            + "      <password>${env.MAVEN_PASSWORD_RELEASES}</password>"));
        Assert.That(text, Does.Contain("<password>${env.SNAP_PW}</password>"));
        Assert.That(text, Does.Not.Contain("pw-1").And.Not.Contain("pw-2"));
        Assert.That(
            result.EnvironmentVariables.Select(v => $"{v.Key}={v.Value.Reveal()}"),
            Is.EqualTo(new[]
            {
                "MAVEN_PASSWORD_RELEASES=pw-1", "MAVEN_USERNAME_RELEASES=user",
                "SNAP_PW=pw-2", "MAVEN_USERNAME_SNAPSHOTS=user",
            }));
    }

    [Test]
    public async Task WriteAsync_PluginRepositoryAndCustomProfile_WritesBoth()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");

        await MavenSettingsWriter.WriteAsync(
            path,
            [s_releases with { IncludeRepository = false, IncludePluginRepository = true }],
            new MavenSettingsWriteOptions { ProfileId = "mine" });

        var document = XDocument.Load(path);
        var ns = document.Root!.Name.Namespace;
        var profile = document.Root.Element(ns + "profiles")!.Element(ns + "profile")!;
        Assert.That(profile.Element(ns + "id")!.Value, Is.EqualTo("mine"));
        Assert.That(profile.Element(ns + "repositories"), Is.Null);
        var plugin = profile.Element(ns + "pluginRepositories")!.Element(ns + "pluginRepository")!;
        Assert.That(plugin.Element(ns + "id")!.Value, Is.EqualTo("releases"));
        Assert.That(document.Root.Element(ns + "activeProfiles")!.Value, Is.EqualTo("mine"));
    }

    [Test]
    public async Task WriteAsync_NoRepositories_WritesNoProfile()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");

        await MavenSettingsWriter.WriteAsync(path, [s_releases with { IncludeRepository = false }]);

        var text = await File.ReadAllTextAsync(path);
        Assert.That(text, Does.Not.Contain("profile"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_Written_IsMode0600AndUnchangedIsNotRewritten()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");
        await File.WriteAllTextAsync(path, "<settings/>");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        await MavenSettingsWriter.WriteAsync(path, [s_releases]);
        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        var second = await MavenSettingsWriter.WriteAsync(path, [s_releases]);

        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(second.Changed, Is.False);
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo((UnixFileMode)0b110_100_100));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.EqualTo(new[] { path }));
    }

    private static IEnumerable<TestCaseData> InvalidEntries()
    {
        yield return Case("empty id", [s_releases with { Id = " " }], "entries[0].Id", "is required.");
        yield return Case("id with a space", [s_releases with { Id = "a b" }],
            "entries[0].Id", "must not contain white space, control characters or '${'.");
        yield return Case("duplicate id", [s_releases, s_snapshots with { Id = "releases" }],
            "entries[1].Id", "releases is also the id of entries[0]; server ids are unique.");
        yield return Case("empty user name", [s_releases with { Username = string.Empty }],
            "entries[0].Username", "is required and must not be empty.");
        yield return Case("password with a line break", [s_releases with { Password = new Secret("pw-1\nx") }],
            "entries[0].Password", "must not contain control characters or line breaks.");
        yield return Case("password with outer space", [s_releases with { Password = new Secret("pw-1 ") }],
            "entries[0].Password", "must not begin or end with white space, which Maven trims.");
        yield return Case("ftp URL", [s_releases with { RepositoryUrl = new Uri("ftp://host/") }],
            "entries[0].RepositoryUrl", "must be an absolute http or https URL.");
        yield return Case("user info", [s_releases with { RepositoryUrl = new Uri("https://u:pw-1@host/") }],
            "entries[0].RepositoryUrl", "must not carry user info; the credentials go in the server.");
        yield return Case("neither releases nor snapshots", [s_releases with { Releases = false }],
            "entries[0].Releases", "and Snapshots are both false; the repository would serve nothing.");
        yield return Case("bad variable", [s_releases with { PasswordVariable = "A-B" }],
            "entries[0].PasswordVariable", "must be letters, digits and '_', not starting with a digit.");
        yield return Case("shared variable",
            [s_releases with { PasswordVariable = "PW" }, s_snapshots with { PasswordVariable = "PW" }],
            "entries[1].PasswordVariable",
            "PW is also set for entries[0].PasswordVariable; each value needs its own variable.");
    }

    [TestCaseSource(nameof(InvalidEntries))]
    public void WriteAsync_InvalidEntries_ThrowsNamingTheField(MavenServerEntry[] entries, string field, string message)
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.xml");

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            () => MavenSettingsWriter.WriteAsync(path, entries));

        Assert.That(exception!.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"{field}: {message}" }));
        Assert.That(exception.Message, Does.Not.Contain("pw-1"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void WriteAsync_ProfileIdWithSpace_Throws()
    {
        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(() => MavenSettingsWriter.WriteAsync(
            "/nonexistent/settings.xml", [s_releases], new MavenSettingsWriteOptions { ProfileId = "a b" }));

        Assert.That(exception!.Problems[0].Field, Is.EqualTo("ProfileId"));
    }

    [Test]
    public void ToString_Entry_NeverShowsThePassword()
    {
        Assert.That(s_releases.ToString(), Does.Contain("Password = ***").And.Not.Contain("pw-1"));
    }

    private static TestCaseData Case(string name, MavenServerEntry[] entries, string field, string message) =>
        new TestCaseData(entries, field, message).SetName("{m}: " + name);
}

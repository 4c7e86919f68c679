using System.Runtime.Versioning;
using System.Text;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class NpmrcWriterTests
{
    private const string Local = "http://127.0.0.1:4873/";
    private static readonly Secret s_token = new("tok-1");

    private static IEnumerable<TestCaseData> MergeCases()
    {
        var planton = new NpmRegistryEntry(new Uri(Local), "@planton", NpmAuth.Token(s_token), false);
        var localToken = planton with { Scope = null };

        yield return Case("empty file", string.Empty, [planton],
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=tok-1\n");

        const string Rich = "# my settings\nfund=false\n\n@other:registry=https://registry.example.invalid/\n"
            + "//registry.example.invalid/:_authToken=keep-me\n  ; indented comment\n";
        yield return Case("comments, blank lines, other scopes and registries are kept", Rich, [planton],
            Rich + "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=tok-1\n");

        yield return Case("old token for the same registry is replaced in place",
            "@planton:registry=http://127.0.0.1:4873/\n# between\n//127.0.0.1:4873/:_authToken=old\nfund=false\n",
            [planton],
            "@planton:registry=http://127.0.0.1:4873/\n# between\n//127.0.0.1:4873/:_authToken=tok-1\nfund=false\n");

        yield return Case("CRLF file keeps CRLF",
            "a=1\r\n//127.0.0.1:4873/:_authToken=old\r\nb=2\r\n", [planton],
            "a=1\r\n//127.0.0.1:4873/:_authToken=tok-1\r\nb=2\r\n@planton:registry=http://127.0.0.1:4873/\r\n");

        yield return Case("last line without newline", "fund=false", [localToken],
            "fund=false\n//127.0.0.1:4873/:_authToken=tok-1\n");

        yield return Case("scope that pointed elsewhere is moved",
            "@planton:registry=https://old.example.invalid/\n", [planton],
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=tok-1\n");

        yield return Case("switching to a password removes the token and always-auth",
            "//127.0.0.1:4873/:_authToken=old\n//127.0.0.1:4873/:always-auth=true\nx=1\n",
            [localToken with { Auth = NpmAuth.UsernamePassword("testuser", new Secret("testpassword")) }],
            "x=1\n//127.0.0.1:4873/:username=testuser\n//127.0.0.1:4873/:_password=dGVzdHBhc3N3b3Jk\n");

        yield return Case("duplicate owned lines collapse to the first",
            "//127.0.0.1:4873/:_authToken=a\nx=1\n//127.0.0.1:4873/:_authToken=b\n", [localToken],
            "//127.0.0.1:4873/:_authToken=tok-1\nx=1\n");

        yield return Case("spaces around the equals sign still match",
            "  //127.0.0.1:4873/:_authToken = old  \n", [localToken],
            "//127.0.0.1:4873/:_authToken=tok-1\n");

        yield return Case("the same field of another registry is kept",
            "//127.0.0.1:9999/:_authToken=other\n//127.0.0.1:4873/extra/:_authToken=other\n", [localToken],
            "//127.0.0.1:9999/:_authToken=other\n//127.0.0.1:4873/extra/:_authToken=other\n"
            + "//127.0.0.1:4873/:_authToken=tok-1\n");

        yield return Case("new lines go before the first section",
            "a=1\n[section]\n//127.0.0.1:4873/:_authToken=in-section\n", [localToken],
            "a=1\n//127.0.0.1:4873/:_authToken=tok-1\n[section]\n//127.0.0.1:4873/:_authToken=in-section\n");

        yield return Case("NpmAuth.None keeps the credential lines",
            "//127.0.0.1:4873/:_authToken=keep\n", [planton with { Auth = NpmAuth.None, AlwaysAuth = true }],
            "//127.0.0.1:4873/:_authToken=keep\n@planton:registry=http://127.0.0.1:4873/\n"
            + "//127.0.0.1:4873/:always-auth=true\n");

        var github = new NpmRegistryEntry(
            new Uri("https://npm.pkg.github.com"), "@octo", NpmAuth.Token(s_token), false);
        yield return Case("two scopes share one GitHub registry", string.Empty,
            [github, github with { Scope = "Other-Org" }],
            "@octo:registry=https://npm.pkg.github.com/\n@other-org:registry=https://npm.pkg.github.com/\n"
            + "//npm.pkg.github.com/:_authToken=tok-1\n");

        var key = new Secret("eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0=");
        yield return Case("GAR _json_key_base64: the key is base64-encoded again", string.Empty,
            [new NpmRegistryEntry(
                new Uri("https://us-central1-npm.pkg.dev/my-proj/my-repo"),
                "@acme",
                NpmAuth.UsernamePassword("_json_key_base64", key, "not.valid@email.com"),
                true)],
            "@acme:registry=https://us-central1-npm.pkg.dev/my-proj/my-repo/\n"
            + "//us-central1-npm.pkg.dev/my-proj/my-repo/:username=_json_key_base64\n"
            + "//us-central1-npm.pkg.dev/my-proj/my-repo/:_password=ZXlKMGVYQmxJam9pYzJWeWRtbGpaVjloWTJOdmRXNTBJbjA9\n"
            + "//us-central1-npm.pkg.dev/my-proj/my-repo/:email=not.valid@email.com\n"
            + "//us-central1-npm.pkg.dev/my-proj/my-repo/:always-auth=true\n");

        yield return Case("JFrog default registry with _auth", "registry=https://registry.npmjs.org/\n",
            [new NpmRegistryEntry(
                new Uri("https://acme.jfrog.io/artifactory/api/npm/npm-local/"),
                null,
                NpmAuth.Basic("user", new Secret("pass")),
                false) { IsDefaultRegistry = true }],
            "registry=https://acme.jfrog.io/artifactory/api/npm/npm-local/\n"
            + "//acme.jfrog.io/artifactory/api/npm/npm-local/:_auth=dXNlcjpwYXNz\n");

        yield return Case("ini-special characters are escaped", string.Empty,
            [localToken with { Auth = NpmAuth.Token(new Secret("a#b;c\\d")) }],
            "//127.0.0.1:4873/:_authToken=a\\#b\\;c\\\\d\n");

        yield return Case("host is lower-cased, default port dropped, path kept", string.Empty,
            [localToken with { RegistryUrl = new Uri("HTTPS://Registry.Example.COM:443/Path") }],
            "//registry.example.com/Path/:_authToken=tok-1\n");
    }

    [TestCaseSource(nameof(MergeCases))]
    public async Task WriteAsync_ExistingFile_MergesAndSecondRunIsIdentical(
        string existing, NpmRegistryEntry[] entries, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");
        await File.WriteAllTextAsync(path, existing);

        var first = await NpmrcWriter.WriteAsync(path, entries);
        var afterFirst = await File.ReadAllBytesAsync(path);
        var second = await NpmrcWriter.WriteAsync(path, entries);

        Assert.That(Encoding.UTF8.GetString(afterFirst), Is.EqualTo(expected));
        Assert.That(first.Changed, Is.EqualTo(existing != expected));
        Assert.That(second.Changed, Is.False);
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(afterFirst));
    }

    [Test]
    public async Task WriteAsync_MissingFileAndFolder_CreatesBoth()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sub", "dir", ".npmrc");

        var result = await NpmrcWriter.WriteAsync(path, [Entry()]);

        Assert.That(result.Changed, Is.True);
        Assert.That(result.Path, Is.EqualTo(path));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=tok-1\n"));
    }

    [Test]
    public async Task WriteAsync_FileWithByteOrderMark_KeepsIt()
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. "fund=false\n"u8]);

        await NpmrcWriter.WriteAsync(path, [Entry()]);

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), Does.StartWith("fund=false\n@planton:"));
    }

    [Test]
    public async Task WriteAsync_NotUtf8_RefusedAndUntouched()
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");
        byte[] original = [.. "a="u8, 0xC3, 0x28, (byte)'\n'];
        await File.WriteAllBytesAsync(path, original);

        var exception = Assert.ThrowsAsync<ToolConfigFileException>(() => NpmrcWriter.WriteAsync(path, [Entry()]));

        Assert.That(exception!.Path, Is.EqualTo(path));
        Assert.That(exception.Message, Is.EqualTo(
            $"Cannot update '{path}': it is not UTF-8 text. The file was left unchanged."));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(original));
    }

    [Test]
    public async Task WriteAsync_Placeholders_WritesVariableAndReturnsSecret()
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");

        var result = await NpmrcWriter.WriteAsync(
            path, [Entry()], new NpmrcWriteOptions { UseEnvironmentPlaceholders = true });

        var text = await File.ReadAllTextAsync(path);
        Assert.That(text, Is.EqualTo(
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${NPM_TOKEN_PLANTON}\n"));
        Assert.That(result.EnvironmentVariables.Keys, Is.EqualTo(new[] { "NPM_TOKEN_PLANTON" }));
        Assert.That(result.EnvironmentVariables["NPM_TOKEN_PLANTON"].Reveal(), Is.EqualTo("tok-1"));
        Assert.That(text, Does.Not.Contain("tok-1"));
        Assert.That(result.ToString(), Is.EqualTo($"{path} (written; set NPM_TOKEN_PLANTON)"));
    }

    private static IEnumerable<TestCaseData> PlaceholderCases()
    {
        var entry = Entry();
        yield return new TestCaseData(
            new[] { entry with { Scope = null, RegistryUrl = new Uri("https://npm.pkg.github.com") } },
            "//npm.pkg.github.com/:_authToken=${NPM_TOKEN_NPM_PKG_GITHUB_COM}\n",
            new[] { "NPM_TOKEN_NPM_PKG_GITHUB_COM=tok-1" }).SetName("no scope: derived from the host");
        yield return new TestCaseData(
            new[] { entry with { VariableName = "NPM_TOKEN" } },
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${NPM_TOKEN}\n",
            new[] { "NPM_TOKEN=tok-1" }).SetName("explicit name");
        yield return new TestCaseData(
            new[] { entry with { Auth = NpmAuth.UsernamePassword("testuser", new Secret("testpassword")) } },
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:username=testuser\n"
            + "//127.0.0.1:4873/:_password=${NPM_PASSWORD_PLANTON}\n",
            new[] { "NPM_PASSWORD_PLANTON=dGVzdHBhc3N3b3Jk" }).SetName("password: the value is base64");
        yield return new TestCaseData(
            new[] { entry with { Auth = NpmAuth.Basic("user", new Secret("pass")) } },
            "@planton:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_auth=${NPM_AUTH_PLANTON}\n",
            new[] { "NPM_AUTH_PLANTON=dXNlcjpwYXNz" }).SetName("_auth: the value is base64 of user:pass");
        yield return new TestCaseData(
            new[]
            {
                entry with { Scope = "@a-b" },
                entry with { Scope = "@a_b", RegistryUrl = new Uri("http://127.0.0.1:4874/") },
            },
            "@a-b:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${NPM_TOKEN_A_B}\n"
            + "@a_b:registry=http://127.0.0.1:4874/\n//127.0.0.1:4874/:_authToken=${NPM_TOKEN_A_B_2}\n",
            new[] { "NPM_TOKEN_A_B=tok-1", "NPM_TOKEN_A_B_2=tok-1" }).SetName("derived names stay unique");
        yield return new TestCaseData(
            new[]
            {
                entry with { Scope = "@x" },
                entry with
                {
                    Scope = "@y", RegistryUrl = new Uri("http://127.0.0.1:4874/"), VariableName = "NPM_TOKEN_X",
                },
            },
            "@x:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=${NPM_TOKEN_X_2}\n"
            + "@y:registry=http://127.0.0.1:4874/\n//127.0.0.1:4874/:_authToken=${NPM_TOKEN_X}\n",
            new[] { "NPM_TOKEN_X_2=tok-1", "NPM_TOKEN_X=tok-1" }).SetName("explicit names win over derived ones");
    }

    [TestCaseSource(nameof(PlaceholderCases))]
    public async Task WriteAsync_PlaceholderCases_WritesExpectedNames(
        NpmRegistryEntry[] entries, string expected, string[] variables)
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");

        var result = await NpmrcWriter.WriteAsync(
            path, entries, new NpmrcWriteOptions { UseEnvironmentPlaceholders = true });

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(expected));
        Assert.That(
            result.EnvironmentVariables.Select(v => $"{v.Key}={v.Value.Reveal()}"),
            Is.EqualTo(variables));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_Written_IsMode0600AndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");
        await File.WriteAllTextAsync(path, "fund=false\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        await NpmrcWriter.WriteAsync(path, [Entry()]);

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.EqualTo(new[] { path }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_NothingToChange_DoesNotRewriteTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");
        await NpmrcWriter.WriteAsync(path, [Entry()]);
        var loose = (UnixFileMode)0b110_100_100;
        File.SetUnixFileMode(path, loose);

        var result = await NpmrcWriter.WriteAsync(path, [Entry()]);

        Assert.That(result.Changed, Is.False);
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(loose), "a rewrite would have set 0600");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_SymbolicLink_WritesTargetAndKeepsLink()
    {
        using var folder = new TempFolder();
        var target = folder.File("real-npmrc");
        await File.WriteAllTextAsync(target, "fund=false\n");
        var link = folder.File(".npmrc");
        File.CreateSymbolicLink(link, target);

        await NpmrcWriter.WriteAsync(link, [Entry()]);

        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(await File.ReadAllTextAsync(target), Does.StartWith("fund=false\n@planton:registry="));
    }

    [Test]
    public void WriteAsync_NoEntries_Throws()
    {
        Assert.ThrowsAsync<ArgumentException>(() => NpmrcWriter.WriteAsync("/tmp/x", []));
    }

    [Test]
    public void ToString_EntryAuthAndResult_NeverShowTheSecret()
    {
        var entry = Entry() with { Auth = NpmAuth.UsernamePassword("u", new Secret("tok-1")) };

        Assert.That(entry.ToString(), Does.Not.Contain("tok-1"));
        Assert.That(NpmAuth.Token(s_token).ToString(), Is.EqualTo("Token ***"));
        Assert.That(entry.Auth.ToString(), Is.EqualTo("UsernamePassword u:***"));
    }

    private static NpmRegistryEntry Entry() => new(new Uri(Local), "@planton", NpmAuth.Token(s_token), false);

    private static TestCaseData Case(string name, string existing, NpmRegistryEntry[] entries, string expected) =>
        new TestCaseData(existing, entries, expected).SetName("{m}: " + name);
}

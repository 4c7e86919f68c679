using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class NpmrcValidationTests
{
    private const string SecretText = "hunter2-secret";
    private static readonly NpmRegistryEntry s_entry =
        new(new Uri("https://npm.pkg.github.com/"), "@octo", NpmAuth.Token(new Secret("tok-1")), false);

    private static IEnumerable<TestCaseData> InvalidCases()
    {
        yield return Case("ftp URL", [s_entry with { RegistryUrl = new Uri("ftp://host/") }],
            "entries[0].RegistryUrl", "must be an absolute http or https URL.");
        yield return Case("relative URL", [s_entry with { RegistryUrl = new Uri("/npm", UriKind.Relative) }],
            "entries[0].RegistryUrl", "must be an absolute http or https URL.");
        yield return Case("user info", [s_entry with { RegistryUrl = new Uri($"https://u:{SecretText}@host/") }],
            "entries[0].RegistryUrl", "must not carry user info; the credential goes in Auth.");
        yield return Case("query", [s_entry with { RegistryUrl = new Uri("https://host/?a=b") }],
            "entries[0].RegistryUrl", "must not have a query or a fragment.");
        yield return Case("semicolon in path", [s_entry with { RegistryUrl = new Uri("https://host/a;b/") }],
            "entries[0].RegistryUrl", "must not contain ';', '=' or '#', which .npmrc keys cannot hold.");
        yield return Case("scope with a space", [s_entry with { Scope = "@bad scope" }],
            "entries[0].Scope",
            "'@bad scope' is not an npm scope; use @name with letters, digits, '-', '.', '_' or '~'.");
        yield return Case("scope starting with underscore", [s_entry with { Scope = "_x" }],
            "entries[0].Scope", "'_x' is not an npm scope; use @name with letters, digits, '-', '.', '_' or '~'.");
        yield return Case("null auth", [s_entry with { Auth = null! }],
            "entries[0].Auth", "is required; use NpmAuth.None to write no credential.");
        yield return Case("empty token", [s_entry with { Auth = NpmAuth.Token(new Secret(string.Empty)) }],
            "entries[0].Auth", "has an empty token or password.");
        yield return Case("token with a line break",
            [s_entry with { Auth = NpmAuth.Token(new Secret(SecretText + "\nregistry=http://evil.invalid/")) }],
            "entries[0].Auth.Token", "must be a single line.");
        yield return Case("token with ${",
            [s_entry with { Auth = NpmAuth.Token(new Secret(SecretText + "${HOME}")) }],
            "entries[0].Auth.Token", "must not contain '${', which npm expands as a variable.");
        yield return Case("token with outer space",
            [s_entry with { Auth = NpmAuth.Token(new Secret(" " + SecretText)) }],
            "entries[0].Auth.Token", "must not begin or end with white space, which npm drops.");
        yield return Case("quoted token",
            [s_entry with { Auth = NpmAuth.Token(new Secret("\"" + SecretText + "\"")) }],
            "entries[0].Auth.Token", "must not be wrapped in quotes, which npm strips.");
        yield return Case("colon in an _auth user name",
            [s_entry with { Auth = NpmAuth.Basic("a:b", new Secret(SecretText)) }],
            "entries[0].Auth.Username", "must not contain ':' in _auth credentials.");
        yield return Case("bad variable name", [s_entry with { VariableName = "1BAD" }],
            "entries[0].VariableName", "must be letters, digits and '_', not starting with a digit.");
        yield return Case("duplicate scope",
            [s_entry, s_entry with { RegistryUrl = new Uri("https://other.example/") }],
            "entries[1].Scope", "@octo is also the scope of entries[0]; a scope routes to one registry.");
        yield return Case("two default registries",
            [
                s_entry with { IsDefaultRegistry = true },
                s_entry with
                {
                    Scope = null, RegistryUrl = new Uri("https://other.example/"), IsDefaultRegistry = true,
                },
            ],
            "entries[1].IsDefaultRegistry", "entries[0] is already the default registry; only one entry can be.");
        yield return Case("two credentials for one registry",
            [s_entry, s_entry with { Scope = "@other", Auth = NpmAuth.Token(new Secret(SecretText)) }],
            "entries[1].Auth",
            "differs from the credential of entries[0] for the same registry //npm.pkg.github.com/; "
            + "npm keeps one credential per registry.");
        yield return Case("one variable for two registries",
            [
                s_entry with { VariableName = "NPM_TOKEN" },
                s_entry with
                {
                    Scope = "@b", RegistryUrl = new Uri("https://other.example/"), VariableName = "NPM_TOKEN",
                },
            ],
            "entries[1].VariableName",
            "NPM_TOKEN is also used for //npm.pkg.github.com/; each secret needs its own variable.");
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void WriteAsync_InvalidEntries_ThrowsNamingTheField(NpmRegistryEntry[] entries, string field, string message)
    {
        using var folder = new TempFolder();
        var path = folder.File(".npmrc");

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(() => NpmrcWriter.WriteAsync(path, entries));

        Assert.That(exception!.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0].Field, Is.EqualTo(field));
        Assert.That(exception.Problems[0].Message, Is.EqualTo(message));
        Assert.That(exception.Message, Does.Not.Contain(SecretText));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void WriteAsync_SeveralProblems_ListsEveryOneInTheMessage()
    {
        var entries = new[]
        {
            s_entry with { RegistryUrl = new Uri("ftp://host/"), Scope = "@Bad Scope" },
        };

        var exception = Assert.ThrowsAsync<RegistryConfigurationException>(
            () => NpmrcWriter.WriteAsync("/nonexistent/.npmrc", entries));

        Assert.That(exception!.Message, Is.EqualTo(
            "The registry connection is invalid:" + Environment.NewLine
            + "  entries[0].RegistryUrl: must be an absolute http or https URL." + Environment.NewLine
            + "  entries[0].Scope: '@Bad Scope' is not an npm scope; use @name with letters, digits, '-', '.', "
            + "'_' or '~'."));
    }

    private static TestCaseData Case(string name, NpmRegistryEntry[] entries, string field, string message) =>
        new TestCaseData(entries, field, message).SetName("{m}: " + name);
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class GitHubValidationTests
{
    private const string GhcrUser = "GitHubContainerRegistry:Username";
    private const string GhcrToken = "GitHubContainerRegistry:PersonalAccessToken";
    private const string GhcrOwner = "GitHubContainerRegistry:Owner";
    private const string GhcrHost = "GitHubContainerRegistry:Host";
    private const string GhcrRegistryUrl = "GitHubContainerRegistry:RegistryUrl";
    private const string PackagesUser = "GitHubPackages:Username";
    private const string PackagesToken = "GitHubPackages:PersonalAccessToken";
    private const string PackagesOwner = "GitHubPackages:Owner";
    private const string PackagesFormat = "GitHubPackages:Format";
    private const string PackagesRepository = "GitHubPackages:Repository";
    private const string PackagesHost = "GitHubPackages:Host";

    private static Action<RegistryConnectionOptions> G(Action<GitHubContainerRegistryOptions> edit) =>
        c => edit(c.GitHubContainerRegistry!);

    private static Action<RegistryConnectionOptions> P(Action<GitHubPackagesOptions> edit) =>
        c => edit(c.GitHubPackages!);

    private static Action<RegistryConnectionOptions> Maven(string? repository) => P(o =>
    {
        o.Format = ArtifactFormat.Maven;
        o.Repository = repository;
    });

    public static IEnumerable<TestCaseData> GhcrValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("one-letter login", G(o => o.Username = "a"));
        yield return Row("39-char login", G(o => o.Username = "a" + new string('b', 37) + "c"));
        yield return Row("hyphenated login", G(o => o.Username = "octo-cat-2"));
        yield return Row("app actor", G(o => o.Username = "github-actions[bot]"));
        yield return Row("dependabot actor", G(o => o.Username = "dependabot[bot]"));
        yield return Row("mixed-case owner", G(o => o.Owner = "Acme-Corp"));
        yield return Row("enterprise host", G(o => o.Host = "containers.github.example.com"));
        yield return Row("host with port", G(o => o.Host = "localhost:5000"));
        yield return Row("loopback registry", G(o => o.RegistryUrl = "http://127.0.0.1:5001"));
        yield return Row("blank owner and host", G(o =>
        {
            o.Owner = "";
            o.Host = " ";
        }));
    }

    public static IEnumerable<TestCaseData> GhcrInvalidFields()
    {
        yield return Row("user missing", G(o => o.Username = null), GhcrUser);
        yield return Row("user leading hyphen", G(o => o.Username = "-octocat"), GhcrUser);
        yield return Row("user trailing hyphen", G(o => o.Username = "octocat-"), GhcrUser);
        yield return Row("user double hyphen", G(o => o.Username = "octo--cat"), GhcrUser);
        yield return Row("user 40 chars", G(o => o.Username = new string('a', 40)), GhcrUser);
        yield return Row("user underscore", G(o => o.Username = "octo_cat"), GhcrUser);
        yield return Row("user non-ASCII", G(o => o.Username = "octocät"), GhcrUser);
        yield return Row("user bot only", G(o => o.Username = "[bot]"), GhcrUser);
        yield return Row("user bot in the middle", G(o => o.Username = "octo[bot]cat"), GhcrUser);
        yield return Row("token missing", G(o => o.PersonalAccessToken = null), GhcrToken);
        yield return Row("token with space", G(o => o.PersonalAccessToken = new Secret("ghp_abc def")), GhcrToken);
        yield return Row("owner leading hyphen", G(o => o.Owner = "-acme"), GhcrOwner);
        yield return Row("owner bot", G(o => o.Owner = "renovate[bot]"), GhcrOwner);
        yield return Row("host URL", G(o => o.Host = "https://ghcr.io"), GhcrHost);
        yield return Row("host path", G(o => o.Host = "ghcr.io/acme"), GhcrHost);
        yield return Row("host space", G(o => o.Host = "gh cr.io"), GhcrHost);
        yield return Row("host underscore", G(o => o.Host = "gh_cr.io"), GhcrHost);
        yield return Row("registry plain http", G(o => o.RegistryUrl = "http://ghcr.example.com"), GhcrRegistryUrl);
        yield return Row("section missing", c => c.GitHubContainerRegistry = null, "GitHubContainerRegistry");
    }

    public static IEnumerable<TestCaseData> PackagesValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("maven with repository", Maven("shared-libs"));
        yield return Row("maven repository with dots and underscores", Maven("repo.name_1"));
        yield return Row("npm with repository", P(o => o.Repository = "web-ui"));
        yield return Row("enterprise npm host", P(o => o.Host = "https://npm.github.example.com"));
        yield return Row("enterprise path host", P(o => o.Host = "https://github.example.com/_registry/npm/"));
        yield return Row("loopback host", P(o => o.Host = "http://127.0.0.1:4873"));
        yield return Row("bot user", P(o => o.Username = "github-actions[bot]"));
    }

    public static IEnumerable<TestCaseData> PackagesInvalidFields()
    {
        yield return Row("user missing", P(o => o.Username = null), PackagesUser);
        yield return Row("user bad", P(o => o.Username = "octo cat"), PackagesUser);
        yield return Row("token missing", P(o => o.PersonalAccessToken = null), PackagesToken);
        yield return Row("token blank", P(o => o.PersonalAccessToken = new Secret("\t")), PackagesToken);
        yield return Row("owner missing", P(o => o.Owner = null), PackagesOwner);
        yield return Row("owner underscore", P(o => o.Owner = "acme_corp"), PackagesOwner);
        yield return Row("format missing", P(o => o.Format = null), PackagesFormat);
        yield return Row("format docker", P(o => o.Format = ArtifactFormat.Docker), PackagesFormat);
        yield return Row("format undefined", P(o => o.Format = (ArtifactFormat)9), PackagesFormat);
        yield return Row("maven without repository", Maven(null), PackagesRepository);
        yield return Row("maven repository with space", Maven("shared libs"), PackagesRepository);
        yield return Row("maven repository with slash", Maven("acme/shared"), PackagesRepository);
        yield return Row("maven repository dot-dot", Maven(".."), PackagesRepository);
        yield return Row("maven repository 101 chars", Maven(new string('r', 101)), PackagesRepository);
        yield return Row("npm repository bad", P(o => o.Repository = "a b"), PackagesRepository);
        yield return Row("host ftp", P(o => o.Host = "ftp://npm.example.com"), PackagesHost);
        yield return Row("host plain http", P(o => o.Host = "http://npm.example.com"), PackagesHost);
        yield return Row("host query", P(o => o.Host = "https://npm.pkg.github.com?x=1"), PackagesHost);
        yield return Row("host bare", P(o => o.Host = "npm.pkg.github.com"), PackagesHost);
        yield return Row("section missing", c => c.GitHubPackages = null, "GitHubPackages");
    }

    [TestCaseSource(nameof(GhcrValidVariants))]
    public void Validate_GhcrValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(Ghcr, edit);

    [TestCaseSource(nameof(GhcrInvalidFields))]
    public void Validate_GhcrBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(Ghcr, edit, field);

    [TestCaseSource(nameof(PackagesValidVariants))]
    public void Validate_PackagesValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(GitHubPackages, edit);

    [TestCaseSource(nameof(PackagesInvalidFields))]
    public void Validate_PackagesBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(GitHubPackages, edit, field);

    [Test]
    public void Validate_DockerFormatForPackages_PointsToGhcr()
    {
        var connection = GitHubPackages();
        connection.GitHubPackages!.Format = ArtifactFormat.Docker;

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(
            problem.Message,
            Is.EqualTo("must be Npm or Maven (use GitHubContainerRegistry for images); got 'Docker'."));
    }
}

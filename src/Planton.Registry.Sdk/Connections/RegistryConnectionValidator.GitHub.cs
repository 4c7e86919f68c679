using System.Globalization;

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="GitHubContainerRegistryOptions"/> and <see cref="GitHubPackagesOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    private const string GhcrSection = nameof(RegistryConnectionOptions.GitHubContainerRegistry);

    private const string GitHubPackagesSection = nameof(RegistryConnectionOptions.GitHubPackages);

    private const string GitHubUserRule =
        "a GitHub login: 1 to 39 letters, digits and single hyphens, not starting or ending with a hyphen, "
        + "e.g. octocat (a GitHub App may add [bot])";

    private const string GitHubOwnerRule =
        "a GitHub user or organisation: 1 to 39 letters, digits and single hyphens, not starting or ending "
        + "with a hyphen, e.g. acme-corp";

    private const string GitHubRepositoryRule =
        "a GitHub repository name of 1 to 100 letters, digits, '-', '_' or '.', e.g. shared-libs";

    private const string GitHubTokenRule = "a classic personal access token";

    private const string GhcrHostRule =
        "a host name with an optional port, e.g. ghcr.io or containers.github.example.com";

    private const string BotSuffix = "[bot]";

    private static void ValidateGhcr(
        GitHubContainerRegistryOptions ghcr, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        Require(
            Field(GhcrSection, nameof(GitHubContainerRegistryOptions.Username)),
            ghcr.Username,
            static v => IsGitHubLogin(v, allowBot: true),
            GitHubUserRule,
            problems);
        RequireSecret(
            Field(GhcrSection, nameof(GitHubContainerRegistryOptions.PersonalAccessToken)),
            ghcr.PersonalAccessToken,
            GitHubTokenRule + " with write:packages",
            1,
            1024,
            problems);
        Optional(
            Field(GhcrSection, nameof(GitHubContainerRegistryOptions.Owner)),
            ghcr.Owner,
            static v => IsGitHubLogin(v, allowBot: false),
            GitHubOwnerRule,
            problems);
        Optional(
            Field(GhcrSection, nameof(GitHubContainerRegistryOptions.Host)),
            ghcr.Host,
            IsHostWithOptionalPort,
            GhcrHostRule,
            problems);
        CheckUrl(
            Field(GhcrSection, nameof(GitHubContainerRegistryOptions.RegistryUrl)),
            ghcr.RegistryUrl,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://ghcr.io",
            problems);
    }

    private static void ValidateGitHubPackages(
        GitHubPackagesOptions packages, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        Require(
            Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.Username)),
            packages.Username,
            static v => IsGitHubLogin(v, allowBot: true),
            GitHubUserRule,
            problems);
        RequireSecret(
            Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.PersonalAccessToken)),
            packages.PersonalAccessToken,
            GitHubTokenRule + " with read:packages (and write:packages to publish)",
            1,
            1024,
            problems);
        Require(
            Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.Owner)),
            packages.Owner,
            static v => IsGitHubLogin(v, allowBot: false),
            GitHubOwnerRule,
            problems);

        var formatField = Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.Format));
        if (packages.Format is not { } format)
        {
            problems.Add(new ConfigurationProblem(formatField, "is required; it must be Npm or Maven."));
        }
        else if (format is not (ArtifactFormat.Npm or ArtifactFormat.Maven))
        {
            var got = Enum.IsDefined(format) ? format.ToString() : ((int)format).ToString(CultureInfo.InvariantCulture);
            var hint = format == ArtifactFormat.Docker ? " (use GitHubContainerRegistry for images)" : string.Empty;
            problems.Add(new ConfigurationProblem(formatField, $"must be Npm or Maven{hint}; got '{got}'."));
        }

        var repositoryField = Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.Repository));
        if (packages.Format == ArtifactFormat.Maven)
        {
            Require(repositoryField, packages.Repository, IsGitHubRepository, GitHubRepositoryRule, problems);
        }
        else
        {
            Optional(repositoryField, packages.Repository, IsGitHubRepository, GitHubRepositoryRule, problems);
        }

        CheckUrl(
            Field(GitHubPackagesSection, nameof(GitHubPackagesOptions.Host)),
            packages.Host,
            required: false,
            UrlParts.WithPath,
            allowInsecureHttp,
            packages.Format == ArtifactFormat.Maven ? "https://maven.pkg.github.com" : "https://npm.pkg.github.com",
            problems);
    }

    /// <summary>
    /// GitHub's login rule: 1 to 39 ASCII letters, digits and single hyphens, no hyphen at either end. With
    /// <paramref name="allowBot"/>, a trailing <c>[bot]</c> (the actor name of a GitHub App) is accepted too.
    /// </summary>
    private static bool IsGitHubLogin(string value, bool allowBot)
    {
        var text = value.AsSpan();
        if (allowBot && text.EndsWith(BotSuffix, StringComparison.Ordinal))
        {
            text = text[..^BotSuffix.Length];
        }

        if (text.Length is 0 or > 39 || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && (c != '-' || text[i - 1] == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGitHubRepository(string value) =>
        value.Length <= 100
        && value is not ("." or "..")
        && AllChars(value, static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

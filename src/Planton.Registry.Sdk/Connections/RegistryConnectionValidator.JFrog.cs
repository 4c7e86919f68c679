using System.Globalization;

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="JFrogArtifactoryOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    private const string JFrogSection = nameof(RegistryConnectionOptions.JFrogArtifactory);

    private const string JFrogForbiddenCharacters = "/\\:|?*\"<>";

    private const string JFrogDockerKeyRule =
        "a Docker repository key of at most 63 characters without uppercase letters, '_', whitespace or any of "
        + "/ \\ : | ? * \" < >, not ending with -cache, e.g. docker-local";

    private const string JFrogKeyRule =
        "a repository key of at most 64 characters without whitespace or any of / \\ : | ? * \" < >, "
        + "not ending with -cache, e.g. libs-release-local";

    private static void ValidateJFrog(
        JFrogArtifactoryOptions jfrog, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        CheckUrl(
            Field(JFrogSection, nameof(JFrogArtifactoryOptions.Url)),
            jfrog.Url,
            required: true,
            UrlParts.WithPath,
            allowInsecureHttp,
            "https://acme.jfrog.io",
            problems);
        ValidateJFrogKey(jfrog, problems);
        Require(
            Field(JFrogSection, nameof(JFrogArtifactoryOptions.Username)),
            jfrog.Username,
            IsBasicAuthUser,
            BasicAuthUserRule,
            problems);
        RequireSecret(
            Field(JFrogSection, nameof(JFrogArtifactoryOptions.AccessToken)),
            jfrog.AccessToken,
            "an Artifactory identity or access token",
            1,
            16 * 1024,
            problems);
        if (!Enum.IsDefined(jfrog.Format))
        {
            problems.Add(new ConfigurationProblem(
                Field(JFrogSection, nameof(JFrogArtifactoryOptions.Format)),
                $"must be Docker, Npm or Maven; got '{(int)jfrog.Format}'."));
        }

        if (!Enum.IsDefined(jfrog.DockerAccessMethod))
        {
            problems.Add(new ConfigurationProblem(
                Field(JFrogSection, nameof(JFrogArtifactoryOptions.DockerAccessMethod)),
                $"must be RepositoryPath, Subdomain or Port; got '{(int)jfrog.DockerAccessMethod}'."));
        }

        var registryUrlField = Field(JFrogSection, nameof(JFrogArtifactoryOptions.RegistryUrl));
        if (jfrog.Format == ArtifactFormat.Docker
            && jfrog.DockerAccessMethod == JFrogDockerAccessMethod.Port
            && !IsSet(jfrog.RegistryUrl))
        {
            problems.Add(new ConfigurationProblem(
                registryUrlField,
                "is required when DockerAccessMethod is Port; it must be the repository's own host and port, "
                + "e.g. https://artifactory.example.com:5001."));
        }
        else
        {
            CheckUrl(
                registryUrlField,
                jfrog.RegistryUrl,
                required: false,
                UrlParts.Origin,
                allowInsecureHttp,
                "https://artifactory.example.com:5001",
                problems);
        }
    }

    private static void ValidateJFrogKey(JFrogArtifactoryOptions jfrog, List<ConfigurationProblem> problems)
    {
        var field = Field(JFrogSection, nameof(JFrogArtifactoryOptions.RepositoryKey));
        var docker = jfrog.Format == ArtifactFormat.Docker;
        var rule = docker ? JFrogDockerKeyRule : JFrogKeyRule;
        var key = jfrog.RepositoryKey;
        if (!IsSet(key))
        {
            problems.Add(Missing(field, rule));
            return;
        }

        var wrong = JFrogKeyProblem(key, docker);
        if (wrong is not null)
        {
            problems.Add(new ConfigurationProblem(field, $"{wrong}; it must be {rule}; got {Quote(key)}."));
        }
    }

    private static string? JFrogKeyProblem(string key, bool docker)
    {
        var maxLength = docker ? 63 : 64;
        if (key.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is longer than {maxLength} characters");
        }

        foreach (var c in key)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "contains whitespace or control characters";
            }

            if (JFrogForbiddenCharacters.Contains(c, StringComparison.Ordinal))
            {
                return $"contains '{c}'";
            }

            if (docker && char.IsUpper(c))
            {
                return "contains uppercase letters, which Docker repository keys cannot have";
            }

            if (docker && c == '_')
            {
                return "contains '_', which Docker repository keys cannot have";
            }
        }

        return key.EndsWith("-cache", StringComparison.OrdinalIgnoreCase)
            ? "ends with -cache, which Artifactory keeps for remote repository caches"
            : null;
    }
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>A repository in JFrog Artifactory (configuration key <c>JFrogArtifactory</c>).</summary>
public sealed class JFrogArtifactoryOptions
{
    /// <summary>The instance URL, such as <c>https://acme.jfrog.io</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The repository key: at most 64 characters (63 for Docker, lowercase, no underscore).</summary>
    public string? RepositoryKey { get; set; }

    /// <summary>The user name.</summary>
    public string? Username { get; set; }

    /// <summary>An identity or access token (API keys are retired).</summary>
    public Secret? AccessToken { get; set; }

    /// <summary>What the repository holds. Default <see cref="ArtifactFormat.Docker"/>.</summary>
    public ArtifactFormat Format { get; set; } = ArtifactFormat.Docker;

    /// <summary>
    /// How Docker repositories are addressed. Default <see cref="JFrogDockerAccessMethod.RepositoryPath"/>.
    /// </summary>
    public JFrogDockerAccessMethod DockerAccessMethod { get; set; } = JFrogDockerAccessMethod.RepositoryPath;

    /// <summary>Replaces the Docker registry endpoint built from the fields above (required in port mode).</summary>
    public string? RegistryUrl { get; set; }
}

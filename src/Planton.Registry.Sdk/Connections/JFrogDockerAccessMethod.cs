namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// How an Artifactory instance exposes Docker repositories (JFrog's "Docker Repository URL Formats").
/// </summary>
public enum JFrogDockerAccessMethod
{
    /// <summary>The repository key is the first path segment: <c>acme.jfrog.io/docker-local/app</c>.</summary>
    RepositoryPath = 1,

    /// <summary>
    /// The repository key is in the host: <c>acme-docker-local.jfrog.io/app</c> (SaaS) or <c>docker-local.host/app</c>.
    /// </summary>
    Subdomain,

    /// <summary>
    /// The repository has its own port: <c>host:5001/app</c>; set <c>RegistryUrl</c> to that host and port.
    /// </summary>
    Port,
}

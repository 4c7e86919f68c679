using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.JFrog;

/// <summary>
/// JFrog Artifactory's Docker repositories in its three URL forms (PROVIDERS.md §3.5): repository path
/// (<c>acme.jfrog.io/{repo-key}/{image}</c>), subdomain (<c>acme-{repo-key}.jfrog.io/{image}</c> on SaaS,
/// <c>{repo-key}.{host}/{image}</c> self-hosted) and port (<c>RegistryUrl</c>'s host and port, <c>/{image}</c>).
/// User name and access token as Basic credentials.
/// </summary>
internal sealed class JFrogRegistryProvider : RegistryProviderBase
{
    private const string SaasSuffix = ".jfrog.io";

    private readonly string _prefix;

    public JFrogRegistryProvider(RegistryConnectionOptions connection)
        : this(connection, connection.JFrogArtifactory!)
    {
    }

    private JFrogRegistryProvider(RegistryConnectionOptions connection, JFrogArtifactoryOptions options)
        : base(
            connection,
            RegistryProviderKind.JFrogArtifactory,
            options.Format,
            options.Format == ArtifactFormat.Docker ? BuildRegistryUri(options) : null,
            new StaticCredentialSource(new RegistryCredential(options.Username!, options.AccessToken!)))
    {
        _prefix = options.DockerAccessMethod == JFrogDockerAccessMethod.RepositoryPath && options.RegistryUrl is null
            ? options.RepositoryKey!.Trim()
            : string.Empty;
        InstanceUri = new Uri(options.Url!.Trim().TrimEnd('/') + "/");
        RepositoryKey = options.RepositoryKey!.Trim();
    }

    /// <summary>The Artifactory instance URL, ending in '/'.</summary>
    public Uri InstanceUri { get; }

    /// <summary>The repository key.</summary>
    public string RepositoryKey { get; }

    protected override string RepositoryPrefix => _prefix;

    internal static Uri BuildRegistryUri(JFrogArtifactoryOptions options)
    {
        var overridden = ToBaseUri(options.RegistryUrl);
        if (overridden is not null)
        {
            return overridden;
        }

        var instance = new Uri(options.Url!.Trim());
        if (options.DockerAccessMethod != JFrogDockerAccessMethod.Subdomain)
        {
            return ToBaseUri(options.Url)!;
        }

        var key = options.RepositoryKey!.Trim();
        var host = instance.Host;
        var subdomainHost = host.EndsWith(SaasSuffix, StringComparison.OrdinalIgnoreCase)
            ? host[..^SaasSuffix.Length] + "-" + key + SaasSuffix
            : key + "." + host;
        var builder = new UriBuilder(instance.Scheme, subdomainHost, instance.IsDefaultPort ? -1 : instance.Port);
        return builder.Uri;
    }
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.Gcp;

/// <summary>
/// Google Artifact Registry (PROVIDERS.md §3.1): images at
/// <c>{location}-docker.pkg.dev/{project}/{repository}/{image}</c>,
/// npm at <c>https://{location}-npm.pkg.dev/{project}/{repository}/</c>, Maven at
/// <c>https://{location}-maven.pkg.dev/{project}/{repository}</c>. A domain-scoped project <c>example.com:proj</c>
/// appears in paths as <c>example.com/proj</c>.
/// </summary>
internal sealed class GcpArtifactRegistryProvider : RegistryProviderBase
{
    /// <summary>The user name that goes with an OAuth2 access token.</summary>
    public const string AccessTokenUsername = "oauth2accesstoken";

    /// <summary>The user name that goes with the base64 service-account key itself.</summary>
    public const string JsonKeyUsername = "_json_key_base64";

    private readonly string _prefix;

    public GcpArtifactRegistryProvider(RegistryConnectionOptions connection, IRegistryCredentialSource credentials)
        : this(connection, connection.GcpArtifactRegistry!, credentials)
    {
    }

    private GcpArtifactRegistryProvider(
        RegistryConnectionOptions connection, GcpArtifactRegistryOptions options, IRegistryCredentialSource credentials)
        : base(
            connection,
            RegistryProviderKind.GcpArtifactRegistry,
            options.Format,
            ToBaseUri(options.RegistryUrl) ?? HostFor(options, options.Format),
            credentials)
    {
        Options = options;
        _prefix = ProjectPath(options.ProjectId!) + "/" + options.RepositoryName!.Trim();
    }

    public GcpArtifactRegistryOptions Options { get; }

    /// <summary>The npm or Maven repository URL, ending in '/'.</summary>
    public Uri PackageRepositoryUri => new(RegistryUriFor(Options.Format), _prefix + "/");

    protected override string RepositoryPrefix => _prefix;

    /// <summary>
    /// The <c>_json_key_base64</c> credential: the key itself, for tools that cannot refresh a token.
    /// </summary>
    public static RegistryCredential JsonKeyCredential(GcpArtifactRegistryOptions options) =>
        new(
            JsonKeyUsername,
            new Secret(string.Concat(options.ServiceAccountKey!.Reveal().Where(c => !char.IsWhiteSpace(c)))));

    internal static string ProjectPath(string projectId) => projectId.Trim().Replace(':', '/');

    private static Uri HostFor(GcpArtifactRegistryOptions options, ArtifactFormat format)
    {
        var kind = format switch
        {
            ArtifactFormat.Npm => "npm",
            ArtifactFormat.Maven => "maven",
            _ => "docker",
        };
        return HttpsHost($"{options.Region!.Trim()}-{kind}.pkg.dev");
    }

    private Uri RegistryUriFor(ArtifactFormat format) => ToBaseUri(Options.RegistryUrl) ?? HostFor(Options, format);
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.Oci;

/// <summary>
/// Any registry that speaks the OCI Distribution API, with optional Basic credentials and a path prefix.
/// </summary>
internal sealed class OciRegistryProvider : RegistryProviderBase
{
    private readonly string _prefix;

    public OciRegistryProvider(RegistryConnectionOptions connection)
        : this(connection, connection.OciRegistry!)
    {
    }

    private OciRegistryProvider(RegistryConnectionOptions connection, OciRegistryOptions options)
        : base(
            connection,
            RegistryProviderKind.OciRegistry,
            ArtifactFormat.Docker,
            ToBaseUri(options.RegistryUrl ?? options.Url),
            CreateCredentials(options))
    {
        _prefix = (options.Repository ?? string.Empty).Trim('/');
    }

    protected override string RepositoryPrefix => _prefix;

    private static StaticCredentialSource CreateCredentials(OciRegistryOptions options) =>
        string.IsNullOrEmpty(options.Username) || options.Password is null
            ? StaticCredentialSource.Anonymous
            : new StaticCredentialSource(new RegistryCredential(options.Username, options.Password));
}

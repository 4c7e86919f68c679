using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.GitHub;

/// <summary>
/// GitHub Container Registry: <c>ghcr.io/{owner}/{image}</c>, owner and image lowercased because GHCR refuses
/// uppercase names (PROVIDERS.md §3.4); user name and classic PAT as Basic credentials.
/// </summary>
internal sealed class GhcrRegistryProvider : RegistryProviderBase
{
    public const string DefaultHost = "ghcr.io";

    private readonly string _owner;

    public GhcrRegistryProvider(RegistryConnectionOptions connection)
        : this(connection, connection.GitHubContainerRegistry!)
    {
    }

    private GhcrRegistryProvider(RegistryConnectionOptions connection, GitHubContainerRegistryOptions options)
        : base(
            connection,
            RegistryProviderKind.GitHubContainerRegistry,
            ArtifactFormat.Docker,
            ToBaseUri(options.RegistryUrl)
                ?? HttpsHost(string.IsNullOrWhiteSpace(options.Host) ? DefaultHost : options.Host.Trim()),
            new StaticCredentialSource(new RegistryCredential(options.Username!, options.PersonalAccessToken!)))
    {
        _owner = (string.IsNullOrWhiteSpace(options.Owner) ? options.Username! : options.Owner)
            .Trim()
            .ToLowerInvariant();
    }

    protected override string RepositoryPrefix => _owner;

    public override string GetRepositoryPath(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return base.GetRepositoryPath(image.ToLowerInvariant());
    }
}

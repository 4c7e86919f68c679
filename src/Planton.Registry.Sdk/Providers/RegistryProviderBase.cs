using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Providers;

/// <summary>What every provider shares: the registry URI, and references built from a repository prefix.</summary>
internal abstract class RegistryProviderBase : IRegistryProvider
{
    private readonly Uri? _registryUri;

    protected RegistryProviderBase(
        RegistryConnectionOptions connection,
        RegistryProviderKind kind,
        ArtifactFormat? format,
        Uri? registryUri,
        IRegistryCredentialSource credentials,
        TransferRules? transferRules = null)
    {
        ConnectionName = connection.Name ?? string.Empty;
        Kind = kind;
        Format = format;
        AllowInsecureHttp = connection.AllowInsecureHttp;
        _registryUri = registryUri;
        Credentials = credentials;
        TransferRules = transferRules ?? TransferRules.Default;
    }

    public string ConnectionName { get; }

    public RegistryProviderKind Kind { get; }

    public ArtifactFormat? Format { get; }

    public bool SupportsImages => Format == ArtifactFormat.Docker && _registryUri is not null;

    public bool AllowInsecureHttp { get; }

    public Uri RegistryUri => SupportsImages ? _registryUri! : throw NotAnImageRegistry();

    public string RegistryHost => RegistryUri.Authority;

    public IRegistryCredentialSource Credentials { get; }

    public TransferRules TransferRules { get; }

    /// <summary>The path put before every image name, without a trailing slash; empty for none.</summary>
    protected virtual string RepositoryPrefix => string.Empty;

    public virtual string GetRepositoryPath(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!SupportsImages)
        {
            throw NotAnImageRegistry();
        }

        var path = RepositoryPrefix.Length == 0 ? image : RepositoryPrefix + "/" + image;
        if (!ReferenceGrammar.IsValidRepository(image) || !ReferenceGrammar.IsValidRepository(path))
        {
            throw new RegistryConfigurationException(
                "Image",
                $"'{Shorten(image)}' is not a valid image name in {Kind}: use lowercase path components of letters, "
                + "digits and single separators ('.', '_', '__', '-'), joined by '/', such as 'team/billing-api'.");
        }

        return path;
    }

    public ImageReference BuildImageReference(string image, string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var repository = GetRepositoryPath(image);
        if (!ReferenceGrammar.IsValidTag(tag))
        {
            throw new RegistryConfigurationException(
                "Tag",
                $"'{Shorten(tag)}' is not a valid tag: use 1 to 128 of letters, digits, '_', '.' and '-', "
                + "not starting with '.' or '-', such as a commit SHA.");
        }

        return ImageReference.Create(RegistryHost, repository, tag);
    }

    public override string ToString() => $"{ConnectionName} ({Kind})";

    protected static string Shorten(string value) => value.Length > 64 ? value[..64] + "..." : value;

    /// <summary>Parses a URL that the validator has already accepted into its scheme and authority.</summary>
    protected static Uri? ToBaseUri(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    protected static Uri HttpsHost(string host) => new("https://" + host + "/");

    private RegistryConfigurationException NotAnImageRegistry() =>
        new(
            "Provider",
            $"The connection '{ConnectionName}' ({Kind}, {Format?.ToString() ?? "bundles"})"
            + " does not store container images.");
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>A repository in Google Artifact Registry (configuration key <c>GcpArtifactRegistry</c>).</summary>
public sealed class GcpArtifactRegistryOptions
{
    /// <summary>The project id: 6–30 lowercase letters, digits and hyphens, starting with a letter.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// A region such as <c>us-central1</c>, or a multi-region: <c>us</c>, <c>europe</c>, <c>asia</c>.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>The repository id: lowercase letters, digits and hyphens, starting with a letter, at most 63.</summary>
    public string? RepositoryName { get; set; }

    /// <summary>
    /// The base64 of a service-account key JSON (with <c>client_email</c>, <c>private_key</c>, <c>token_uri</c>).
    /// </summary>
    public Secret? ServiceAccountKey { get; set; }

    /// <summary>What the repository holds. Default <see cref="ArtifactFormat.Docker"/>.</summary>
    public ArtifactFormat Format { get; set; } = ArtifactFormat.Docker;

    /// <summary>What tools are handed. Default <see cref="GcpCredentialMode.AccessToken"/>.</summary>
    public GcpCredentialMode CredentialMode { get; set; } = GcpCredentialMode.AccessToken;

    /// <summary>
    /// Replaces the registry endpoint built from the fields above (a proxy, or a loopback test server).
    /// </summary>
    public string? RegistryUrl { get; set; }
}

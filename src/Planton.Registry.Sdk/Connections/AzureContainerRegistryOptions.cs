using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// An Azure Container Registry (configuration key <c>AzureContainerRegistry</c>): a service principal
/// (<see cref="TenantId"/>, <see cref="ClientId"/>, <see cref="ClientSecret"/>) or a user name and password
/// (admin user or repository-scoped token).
/// </summary>
public sealed class AzureContainerRegistryOptions
{
    /// <summary>The registry name: 5–50 letters and digits. The login server is <c>{name}.azurecr.io</c>.</summary>
    public string? RegistryName { get; set; }

    /// <summary>
    /// The login server, for sovereign clouds (<c>name.azurecr.cn</c>); used instead of <see cref="RegistryName"/>.
    /// </summary>
    public string? LoginServer { get; set; }

    /// <summary>The Entra tenant id (a GUID) of the service principal.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id (a GUID) of the service principal.</summary>
    public string? ClientId { get; set; }

    /// <summary>The service principal's client secret.</summary>
    public Secret? ClientSecret { get; set; }

    /// <summary>The admin user name or the repository-scoped token name.</summary>
    public string? Username { get; set; }

    /// <summary>The admin password or the token password.</summary>
    public Secret? Password { get; set; }

    /// <summary>The Entra authority. Default <c>https://login.microsoftonline.com/</c>.</summary>
    public string? AuthorityHost { get; set; }

    /// <summary>Replaces the registry endpoint built from the fields above.</summary>
    public string? RegistryUrl { get; set; }
}

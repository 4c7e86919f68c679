using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>Any registry that speaks the OCI Distribution API (configuration key <c>OciRegistry</c>).</summary>
public sealed class OciRegistryOptions
{
    /// <summary>
    /// The registry URL, such as <c>https://registry.example.com</c> or <c>http://127.0.0.1:5001</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The user name; omit both it and <see cref="Password"/> for anonymous access.</summary>
    public string? Username { get; set; }

    /// <summary>The password or token.</summary>
    public Secret? Password { get; set; }

    /// <summary>A repository path prefix put before every image name, such as <c>team/services</c>.</summary>
    public string? Repository { get; set; }

    /// <summary>Replaces <see cref="Url"/>; accepted for symmetry with the other image providers.</summary>
    public string? RegistryUrl { get; set; }
}

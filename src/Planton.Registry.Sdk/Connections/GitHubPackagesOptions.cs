using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>GitHub Packages for npm or Maven (configuration key <c>GitHubPackages</c>).</summary>
public sealed class GitHubPackagesOptions
{
    /// <summary>The GitHub user that owns the token.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// A classic personal access token with <c>read:packages</c> (and <c>write:packages</c> to publish).
    /// </summary>
    public Secret? PersonalAccessToken { get; set; }

    /// <summary>The user or organisation that owns the packages; lowercased where GitHub needs it.</summary>
    public string? Owner { get; set; }

    /// <summary>The repository that holds Maven packages (required for <see cref="ArtifactFormat.Maven"/>).</summary>
    public string? Repository { get; set; }

    /// <summary><see cref="ArtifactFormat.Npm"/> or <see cref="ArtifactFormat.Maven"/>.</summary>
    public ArtifactFormat? Format { get; set; }

    /// <summary>
    /// The registry URL. Default <c>https://npm.pkg.github.com</c> for npm and <c>https://maven.pkg.github.com</c> for
    /// Maven.
    /// </summary>
    public string? Host { get; set; }
}

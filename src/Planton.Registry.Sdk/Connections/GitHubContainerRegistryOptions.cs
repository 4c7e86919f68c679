using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <summary>GitHub Container Registry (configuration key <c>GitHubContainerRegistry</c>).</summary>
public sealed class GitHubContainerRegistryOptions
{
    /// <summary>The GitHub user (or machine account) that owns the token.</summary>
    public string? Username { get; set; }

    /// <summary>A classic personal access token with <c>write:packages</c>.</summary>
    public Secret? PersonalAccessToken { get; set; }

    /// <summary>
    /// The user or organisation that owns the images. Default: <see cref="Username"/>. Lowercased in references.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>The registry host. Default <c>ghcr.io</c>; GitHub Enterprise: <c>containers.HOST</c>.</summary>
    public string? Host { get; set; }

    /// <summary>Replaces the registry endpoint built from <see cref="Host"/>.</summary>
    public string? RegistryUrl { get; set; }
}

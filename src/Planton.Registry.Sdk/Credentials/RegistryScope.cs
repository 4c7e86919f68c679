namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// What a credential is asked for: a registry host, and optionally a repository and the access to it.
/// </summary>
/// <param name="Registry">The registry host with its port, as it appears in references (<c>ghcr.io</c>,
/// <c>127.0.0.1:5001</c>).</param>
/// <param name="Repository">The repository path, or null for registry-wide access.</param>
/// <param name="Access">The access needed.</param>
public readonly record struct RegistryScope(string Registry, string? Repository, RegistryAccess Access)
{
    /// <summary>Formats the scope as a token service expects it: <c>repository:NAME:pull,push</c>, or empty.</summary>
    /// <returns>The scope string.</returns>
    public string ToTokenScope()
    {
        if (Repository is null || Access == RegistryAccess.None)
        {
            return string.Empty;
        }

        var actions = Access switch
        {
            RegistryAccess.Pull => "pull",
            RegistryAccess.Push => "push",
            _ => "pull,push",
        };
        return $"repository:{Repository}:{actions}";
    }
}

namespace Planton.Registry.Sdk.Credentials;

/// <summary>The access a caller needs to a repository, as the token services name it.</summary>
[Flags]
public enum RegistryAccess
{
    /// <summary>Nothing beyond the registry's own endpoint.</summary>
    None = 0,

    /// <summary>Read manifests and blobs.</summary>
    Pull = 1,

    /// <summary>Write manifests and blobs.</summary>
    Push = 2,

    /// <summary>Both pull and push, as a push needs to check what exists.</summary>
    PullPush = Pull | Push,
}

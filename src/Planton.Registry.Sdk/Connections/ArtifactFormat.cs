namespace Planton.Registry.Sdk.Connections;

/// <summary>The kind of artifact a repository holds.</summary>
public enum ArtifactFormat
{
    /// <summary>Container images (OCI or Docker).</summary>
    Docker = 1,

    /// <summary>npm packages.</summary>
    Npm,

    /// <summary>Maven artifacts.</summary>
    Maven,
}

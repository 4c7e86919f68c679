namespace Planton.Registry.Sdk.Bundles;

/// <summary>One file of a bundle as its manifest records it.</summary>
public sealed record BundleFile
{
    /// <summary>The path relative to the bundle folder, with forward slashes (such as <c>lib/util.js</c>).</summary>
    public required string Path { get; init; }

    /// <summary>How a Worker upload treats the file.</summary>
    public required BundleModuleType Type { get; init; }

    /// <summary>The content type of the file's part in a Workers script upload (<c>application/wasm</c>...).</summary>
    public required string ContentType { get; init; }

    /// <summary>The size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The SHA-256 of the content, 64 lowercase hexadecimal characters.</summary>
    public required string Sha256 { get; init; }
}

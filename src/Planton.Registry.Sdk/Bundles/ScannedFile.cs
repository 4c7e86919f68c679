namespace Planton.Registry.Sdk.Bundles;

/// <summary>One file found in a bundle folder: where it is on disk and what the manifest will say of it.</summary>
/// <param name="FullPath">The file's full path.</param>
/// <param name="File">The manifest entry.</param>
internal sealed record ScannedFile(string FullPath, BundleFile File);

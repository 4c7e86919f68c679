namespace Planton.Registry.Sdk.Bundles;

/// <summary>A manifest read back from the bucket, with the digest of its bytes.</summary>
/// <param name="Manifest">The checked manifest.</param>
/// <param name="Digest">The digest of the stored bytes.</param>
internal sealed record StoredManifest(BundleManifest Manifest, string Digest);

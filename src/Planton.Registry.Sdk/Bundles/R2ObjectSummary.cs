namespace Planton.Registry.Sdk.Bundles;

/// <summary>One object of a listing.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When the object was last written.</param>
internal sealed record R2ObjectSummary(string Key, long Size, DateTimeOffset LastModified);

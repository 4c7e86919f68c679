namespace Planton.Registry.Sdk.Bundles;

/// <summary>One uploaded part of a multipart upload.</summary>
/// <param name="PartNumber">The part number, from 1.</param>
/// <param name="ETag">The ETag the server gave the part.</param>
internal sealed record R2UploadedPart(int PartNumber, string ETag);

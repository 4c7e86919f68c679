namespace Planton.Registry.Sdk.Distribution;

/// <summary>An open blob upload: where to send its content and the smallest chunk the registry accepts.</summary>
/// <param name="Location">The absolute upload URL, with the query the registry gave it.</param>
/// <param name="MinimumChunkLength">The registry's <c>OCI-Chunk-Min-Length</c>, or null.</param>
internal sealed record UploadLocation(Uri Location, long? MinimumChunkLength);

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// How a blob's bytes go to the registry once an upload is open
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs"/>).
/// </summary>
public enum UploadStrategy
{
    /// <summary>
    /// One <c>PUT &lt;location&gt;?digest=</c> carrying the whole blob, and the push fails when the registry refuses
    /// it. The fewest round trips; for registries known to take large bodies.
    /// </summary>
    Monolithic = 0,

    /// <summary>
    /// <c>PATCH</c> requests of <see cref="PushOptions.ChunkSize"/> bytes (or the registry's larger
    /// <c>OCI-Chunk-Min-Length</c>), then an empty closing <c>PUT</c>. For registries or proxies that cap the size
    /// of one request.
    /// </summary>
    Chunked = 1,

    /// <summary>
    /// A monolithic <c>PUT</c> first; when the registry refuses it for a reason that chunks could cure (anything
    /// but a wrong digest or size, an unknown or invalid name, or denied access), the blob is sent again in
    /// chunks through a fresh upload. The default.
    /// </summary>
    MonolithicWithChunkedFallback = 2,
}

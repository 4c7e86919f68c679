namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Where one blob upload stands: the location the next request goes to (each answer may move it) and how many bytes
/// the registry has confirmed. Updated as chunks are accepted, so that an interrupted upload knows where to ask.
/// </summary>
internal sealed class UploadProgress
{
    public UploadProgress(UploadLocation start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Location = start.Location;
        MinimumChunkLength = start.MinimumChunkLength;
    }

    /// <summary>The absolute upload URL, with the query the registry gave it.</summary>
    public Uri Location { get; set; }

    /// <summary>The registry's <c>OCI-Chunk-Min-Length</c>, or null.</summary>
    public long? MinimumChunkLength { get; private set; }

    /// <summary>The bytes the registry has confirmed; the next chunk starts here.</summary>
    public long Offset { get; set; }

    /// <summary>Moves to a new upload, from its first byte.</summary>
    public void Restart(UploadLocation start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Location = start.Location;
        MinimumChunkLength = start.MinimumChunkLength;
        Offset = 0;
    }
}

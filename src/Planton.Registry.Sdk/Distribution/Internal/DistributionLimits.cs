namespace Planton.Registry.Sdk.Distribution;

/// <summary>Upper bounds on what the client reads into memory, so that a hostile peer cannot exhaust it.</summary>
internal static class DistributionLimits
{
    /// <summary>Manifests and image indexes: the spec asks registries to accept at least 4 MiB; we take 8.</summary>
    public const int MaxManifestBytes = 8 * 1024 * 1024;

    /// <summary>An error body is only parsed for its <c>errors[]</c>.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>A token service reply.</summary>
    public const int MaxTokenResponseBytes = 1024 * 1024;

    /// <summary>The <c>oci-layout</c> marker file.</summary>
    public const int MaxLayoutMarkerBytes = 64 * 1024;

    /// <summary>Redirects followed for one request.</summary>
    public const int MaxRedirects = 10;

    /// <summary>The most blobs moved at the same time.</summary>
    public const int MaxParallelBlobs = 32;

    /// <summary>Buffers of small-file copies (layout creation).</summary>
    public const int CopyBufferSize = 81920;

    /// <summary>
    /// The buffer of a blob transfer: 1 MiB, so that a 1 GiB layer costs about a thousand reads and writes rather
    /// than thirteen thousand, while a push or pull of <see cref="MaxParallelBlobs"/> blobs still holds at most a
    /// few dozen MiB of buffers.
    /// </summary>
    public const int TransferBufferSize = 1024 * 1024;

    /// <summary>Mount attempts for one blob, one per candidate repository, before it is uploaded.</summary>
    public const int MaxMountAttempts = 3;
}

namespace Planton.Registry.Sdk.Bundles;

/// <summary>Settings for <see cref="IWorkerBundleStore.PutAsync"/>.</summary>
public sealed class BundlePutOptions
{
    /// <summary>The smallest part R2 and S3 accept for every part but the last: 5 MiB.</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    /// <summary>The largest single request R2 accepts: 5 GiB − 5 MiB.</summary>
    public const long MaximumPartSize = (5L * 1024 * 1024 * 1024) - MinimumPartSize;

    /// <summary>
    /// Replace a version that is stored with other content. Default false: such a put is refused with
    /// <see cref="BundleConflictException"/>. Putting identical content is a no-op either way.
    /// </summary>
    public bool Force { get; set; }

    /// <summary>
    /// The entry module, as a path relative to the bundle folder (for example <c>index.js</c>). Default null:
    /// taken from <c>metadata.json</c>'s <c>main_module</c> or <c>body_part</c>, then <c>package.json</c>'s
    /// <c>main</c>, then the first of <c>index.js</c>, <c>worker.js</c>, <c>index.mjs</c>, <c>worker.mjs</c>
    /// found at the top of the folder.
    /// </summary>
    public string? MainModule { get; set; }

    /// <summary>
    /// Files larger than this many bytes go up as multipart uploads. Default 64 MiB; at least 1.
    /// </summary>
    public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The size of each part of a multipart upload, in bytes. Default 16 MiB; from <see cref="MinimumPartSize"/>
    /// to <see cref="MaximumPartSize"/>. Raised automatically when a file would need more than 10,000 parts.
    /// </summary>
    public long PartSize { get; set; } = 16L * 1024 * 1024;

    /// <summary>How many files or parts are sent at once. Default 4; from 1 to 32.</summary>
    public int MaxConcurrency { get; set; } = 4;
}

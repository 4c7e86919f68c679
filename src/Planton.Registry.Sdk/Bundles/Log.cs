using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>Log events of the bundle store, event ids 4000–4099. Keys and hosts only; never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 4000, EventName = "BundlePutStarting", Level = LogLevel.Debug,
        Message = "Putting bundle {ServiceName} version {Tag}: {FileCount} files, {TotalBytes} bytes, "
            + "entry {MainModule}, into bucket {Bucket} at {Host}")]
    public static partial void BundlePutStarting(
        ILogger logger, string serviceName, string tag, int fileCount, long totalBytes, string mainModule,
        string bucket, string host);

    [LoggerMessage(
        EventId = 4001, EventName = "ObjectUploaded", Level = LogLevel.Debug,
        Message = "Uploaded {Key} ({Size} bytes)")]
    public static partial void ObjectUploaded(ILogger logger, string key, long size);

    [LoggerMessage(
        EventId = 4002, EventName = "MultipartUploadStarting", Level = LogLevel.Debug,
        Message = "Uploading {Key} ({Size} bytes) in {PartCount} parts of up to {PartSize} bytes")]
    public static partial void MultipartUploadStarting(
        ILogger logger, string key, long size, int partCount, long partSize);

    [LoggerMessage(
        EventId = 4003, EventName = "PartUploaded", Level = LogLevel.Debug,
        Message = "Uploaded part {PartNumber} of {PartCount} of {Key} ({Size} bytes)")]
    public static partial void PartUploaded(ILogger logger, int partNumber, int partCount, string key, long size);

    [LoggerMessage(
        EventId = 4004, EventName = "BundleStored", Level = LogLevel.Information,
        Message = "Stored bundle {ServiceName} version {Tag}: {FileCount} files, {TotalBytes} bytes, "
            + "manifest {ManifestDigest}")]
    public static partial void BundleStored(
        ILogger logger, string serviceName, string tag, int fileCount, long totalBytes, string manifestDigest);

    [LoggerMessage(
        EventId = 4005, EventName = "BundleAlreadyStored", Level = LogLevel.Information,
        Message = "Bundle {ServiceName} version {Tag} is already stored with the same content "
            + "(manifest {ManifestDigest}); nothing uploaded")]
    public static partial void BundleAlreadyStored(
        ILogger logger, string serviceName, string tag, string manifestDigest);

    [LoggerMessage(
        EventId = 4006, EventName = "BundleReplacing", Level = LogLevel.Information,
        Message = "Replacing bundle {ServiceName} version {Tag} stored with other content ({Difference}), "
            + "as forced")]
    public static partial void BundleReplacing(ILogger logger, string serviceName, string tag, string difference);

    [LoggerMessage(
        EventId = 4007, EventName = "MultipartAbortFailed", Level = LogLevel.Warning,
        Message = "Could not abort the multipart upload of {Key}; the bucket may keep its parts until its "
            + "lifecycle rules remove them")]
    public static partial void MultipartAbortFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(
        EventId = 4008, EventName = "BundleFetched", Level = LogLevel.Information,
        Message = "Fetched bundle {ServiceName} version {Tag} into {Directory}: {FileCount} files, "
            + "{TotalBytes} bytes, all verified")]
    public static partial void BundleFetched(
        ILogger logger, string serviceName, string tag, string directory, int fileCount, long totalBytes);

    [LoggerMessage(
        EventId = 4009, EventName = "BundleDeleted", Level = LogLevel.Information,
        Message = "Deleted bundle {ServiceName} version {Tag}: {ObjectCount} objects")]
    public static partial void BundleDeleted(ILogger logger, string serviceName, string tag, int objectCount);

    [LoggerMessage(
        EventId = 4010, EventName = "ObjectDeleted", Level = LogLevel.Debug,
        Message = "Deleted {Key}")]
    public static partial void ObjectDeleted(ILogger logger, string key);

    [LoggerMessage(
        EventId = 4011, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "R2 {Operation} of {Key} in bucket {Bucket} at {Host} failed: {Status} {ErrorCode}")]
    public static partial void RequestFailed(
        ILogger logger, string operation, string key, string bucket, string host, int status, string errorCode);

    [LoggerMessage(
        EventId = 4012, EventName = "HintIgnored", Level = LogLevel.Debug,
        Message = "Ignored {File} when choosing the entry module: {Reason}")]
    public static partial void HintIgnored(ILogger logger, string file, string reason);

    [LoggerMessage(
        EventId = 4013, EventName = "ObjectDownloaded", Level = LogLevel.Debug,
        Message = "Downloaded and verified {Key} ({Size} bytes)")]
    public static partial void ObjectDownloaded(ILogger logger, string key, long size);
}

using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Log events of pushes and pulls, event ids 2000 to 2999. URIs are logged without their query (presigned
/// redirects carry secrets there), and headers only from <see cref="HttpLogFormatter.LoggedHeaders"/>.
/// </summary>
internal static partial class DistributionLog
{
    [LoggerMessage(EventId = 2000, EventName = "HttpExchange", Level = LogLevel.Debug,
        Message = "{Method} {Uri} answered {StatusCode} {Headers}")]
    public static partial void HttpExchange(ILogger logger, string method, Uri uri, int statusCode, string headers);

    [LoggerMessage(EventId = 2001, EventName = "RedirectFollowed", Level = LogLevel.Debug,
        Message = "Following redirect {StatusCode} to {Uri}")]
    public static partial void RedirectFollowed(ILogger logger, int statusCode, Uri uri);

    [LoggerMessage(EventId = 2002, EventName = "BlobSkipped", Level = LogLevel.Debug,
        Message = "Blob {Digest} is already in {Repository}; not uploaded")]
    public static partial void BlobSkipped(ILogger logger, string digest, string repository);

    [LoggerMessage(EventId = 2003, EventName = "BlobUploaded", Level = LogLevel.Debug,
        Message = "Uploaded blob {Digest} ({Size} bytes) to {Repository} {Mode}")]
    public static partial void BlobUploaded(ILogger logger, string digest, long size, string repository, string mode);

    [LoggerMessage(EventId = 2004, EventName = "MonolithicUploadRefused", Level = LogLevel.Information,
        Message = "Registry {Registry} refused a monolithic upload of {Digest} ({Reason}); uploading it in chunks")]
    public static partial void MonolithicUploadRefused(ILogger logger, string registry, string digest, string reason);

    [LoggerMessage(EventId = 2005, EventName = "ManifestPushed", Level = LogLevel.Debug,
        Message = "Pushed manifest {Digest} ({MediaType}) to {Repository} as {Reference}")]
    public static partial void ManifestPushed(
        ILogger logger, string digest, string mediaType, string repository, string reference);

    [LoggerMessage(EventId = 2006, EventName = "PushCompleted", Level = LogLevel.Information,
        Message = "Pushed {Registry}/{Repository}:{Tag}@{Digest}: {Uploaded} blobs uploaded, {Mounted} mounted, "
            + "{Skipped} already there")]
    public static partial void PushCompleted(
        ILogger logger, string registry, string repository, string tag, string digest, int uploaded, int mounted,
        int skipped);

    [LoggerMessage(EventId = 2007, EventName = "PushFailed", Level = LogLevel.Warning,
        Message = "Push of {Registry}/{Repository}:{Tag} failed")]
    public static partial void PushFailed(
        ILogger logger, Exception exception, string registry, string repository, string tag);

    [LoggerMessage(EventId = 2008, EventName = "ManifestFetched", Level = LogLevel.Debug,
        Message = "Fetched manifest {Digest} ({MediaType}) of {Repository}")]
    public static partial void ManifestFetched(ILogger logger, string digest, string mediaType, string repository);

    [LoggerMessage(EventId = 2009, EventName = "BlobDownloaded", Level = LogLevel.Debug,
        Message = "Downloaded blob {Digest} ({Size} bytes) from {Repository}")]
    public static partial void BlobDownloaded(ILogger logger, string digest, long size, string repository);

    [LoggerMessage(EventId = 2010, EventName = "BlobAlreadyInLayout", Level = LogLevel.Debug,
        Message = "Blob {Digest} is already in the layout; not downloaded")]
    public static partial void BlobAlreadyInLayout(ILogger logger, string digest);

    [LoggerMessage(EventId = 2011, EventName = "PullCompleted", Level = LogLevel.Information,
        Message = "Pulled {Registry}/{Repository}@{Digest} into {Layout}: {Downloaded} blobs, {Bytes} bytes")]
    public static partial void PullCompleted(
        ILogger logger, string registry, string repository, string digest, string layout, int downloaded, long bytes);

    [LoggerMessage(EventId = 2012, EventName = "PullFailed", Level = LogLevel.Warning,
        Message = "Pull of {Registry}/{Repository} {Reference} failed")]
    public static partial void PullFailed(
        ILogger logger, Exception exception, string registry, string repository, string reference);

    [LoggerMessage(EventId = 2013, EventName = "BlobMounted", Level = LogLevel.Debug,
        Message = "Mounted blob {Digest} into {Repository} from {SourceRepository}; not uploaded")]
    public static partial void BlobMounted(ILogger logger, string digest, string repository, string sourceRepository);

    [LoggerMessage(EventId = 2014, EventName = "MountNotDone", Level = LogLevel.Debug,
        Message = "Mounting blob {Digest} into {Repository} from {SourceRepository} did not happen ({Reason})")]
    public static partial void MountNotDone(
        ILogger logger, string digest, string repository, string sourceRepository, string reason);

    [LoggerMessage(EventId = 2015, EventName = "BlobLocationCacheIgnored", Level = LogLevel.Debug,
        Message = "The blob-location cache {Path} was not read: {Reason}")]
    public static partial void BlobLocationCacheIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2016, EventName = "BlobLocationCacheNotWritten", Level = LogLevel.Debug,
        Message = "The blob-location cache {Path} was not written: {Reason}")]
    public static partial void BlobLocationCacheNotWritten(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2017, EventName = "BlobConfirmedAfterInterruption", Level = LogLevel.Debug,
        Message = "Blob {Digest} is in {Repository} although its upload was interrupted ({Reason})")]
    public static partial void BlobConfirmedAfterInterruption(
        ILogger logger, string digest, string repository, string reason);

    [LoggerMessage(EventId = 2018, EventName = "UploadResumed", Level = LogLevel.Debug,
        Message = "Upload of blob {Digest} to {Repository} was interrupted ({Reason}); resuming at byte {Offset} of "
            + "{Size} (resume {Resume} of {MaxResumes})")]
    public static partial void UploadResumed(
        ILogger logger, string digest, string repository, string reason, long offset, long size, int resume,
        int maxResumes);

    [LoggerMessage(EventId = 2019, EventName = "UploadRestarted", Level = LogLevel.Debug,
        Message = "Upload of blob {Digest} to {Repository} was interrupted ({Reason}) and the registry no longer has "
            + "it; starting a new upload (resume {Resume} of {MaxResumes})")]
    public static partial void UploadRestarted(
        ILogger logger, string digest, string repository, string reason, int resume, int maxResumes);
}

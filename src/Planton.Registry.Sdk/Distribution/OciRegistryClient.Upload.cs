using System.Globalization;
using System.Net;
using Planton.Registry.Sdk.Resilience;
using Planton.Registry.Sdk.Telemetry;

namespace Planton.Registry.Sdk.Distribution;

/// <content>
/// Blob uploads (distribution spec, "Pushing blobs"): the strategy's first try, then, when the connection breaks or
/// the registry fails the upload with a transient status, a resume: <c>GET</c> the upload's location, read its
/// <c>Range</c>, and continue in chunks from the next byte; a new upload only when the registry says the old one is
/// gone. An ambiguous end (the closing request broke off) is settled with a <c>HEAD</c> of the blob. None of the
/// anchor clients (go-containerregistry, containers/image, dotnet/sdk, oras-dotnet) resumes an upload this way.
/// </content>
internal sealed partial class OciRegistryClient
{
    /// <summary>Error codes after which a chunked upload would fail the same way as the monolithic one did.</summary>
    private static readonly HashSet<string> s_finalUploadErrors = new(StringComparer.Ordinal)
    {
        "DIGEST_INVALID", "SIZE_INVALID", "NAME_UNKNOWN", "NAME_INVALID", "DENIED", "UNAUTHORIZED",
    };

    /// <summary>
    /// Sends the blob through <paramref name="open"/> (an upload a refused mount left open) or a new upload, as the
    /// strategy says, resuming it after interruptions until <see cref="RegistryResilienceOptions.MaxUploadResumes"/>
    /// resumes in a row make no progress; returns how it went, for the log.
    /// </summary>
    private async Task<string> UploadAsync(
        RegistrySession session, UploadLocation? open, string path, OciDescriptor blob, PushOptions options,
        CancellationToken cancellationToken)
    {
        var start = open ?? await StartUploadAsync(session, cancellationToken).ConfigureAwait(false);
        var progress = new UploadProgress(start);
        RegistryRequestFailedException interruption;
        try
        {
            return await TransferAsync(session, progress, path, blob, options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryRequestFailedException ex) when (IsInterruption(ex, cancellationToken))
        {
            interruption = ex;
        }

        // The budget counts resumes in a row that moved the upload no further: a flaky link that lets every
        // resume send more bytes goes on to the end; one that lets nothing through gives up soon.
        var furthest = progress.Offset;
        var stalled = 0;
        for (var resume = 1; ; resume++)
        {
            if (progress.Offset > furthest)
            {
                furthest = progress.Offset;
                stalled = 0;
            }

            if (++stalled > _resilience.MaxUploadResumes)
            {
                throw new RegistryRequestFailedException(
                    interruption.Method, interruption.RequestUri, interruption.StatusCode, interruption.Errors,
                    $"The upload of blob {blob.Digest} was interrupted {resume} times; gave up after "
                    + $"{_resilience.MaxUploadResumes} resumes in a row without progress.",
                    interruption);
            }

            try
            {
                return await ResumeAsync(
                        session, progress, path, blob, options, interruption, resume, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RegistryRequestFailedException ex) when (IsInterruption(ex, cancellationToken))
            {
                interruption = ex;
            }
        }
    }

    /// <summary>
    /// One resume: a <c>HEAD</c> settles whether the blob arrived after all; else the upload continues where the
    /// registry says it stands, or starts again when the registry has lost it.
    /// </summary>
    private async Task<string> ResumeAsync(
        RegistrySession session, UploadProgress progress, string path, OciDescriptor blob, PushOptions options,
        RegistryRequestFailedException interruption, int resume, CancellationToken cancellationToken)
    {
        var reason = InterruptionReason(interruption);
        RegistryTelemetry.RecordUploadResume(interruption);
        if (await BlobExistsAsync(session, blob.Digest, cancellationToken).ConfigureAwait(false))
        {
            DistributionLog.BlobConfirmedAfterInterruption(_logger, blob.Digest, session.Repository, reason);
            return "confirmed present by HEAD after an interrupted upload";
        }

        var restart = UploadIsLost(interruption)
            || !await QueryUploadAsync(session, progress, blob, cancellationToken).ConfigureAwait(false);
        if (restart)
        {
            progress.Restart(await StartUploadAsync(session, cancellationToken).ConfigureAwait(false));
            DistributionLog.UploadRestarted(
                _logger, blob.Digest, session.Repository, reason, resume, _resilience.MaxUploadResumes);
        }
        else
        {
            DistributionLog.UploadResumed(
                _logger, blob.Digest, session.Repository, reason, progress.Offset, blob.Size, resume,
                _resilience.MaxUploadResumes);
        }

        await UploadChunksAsync(session, progress, path, blob, options.ChunkSize, cancellationToken)
            .ConfigureAwait(false);
        return restart ? "in chunks after restarting an interrupted upload" : "in chunks, resumed";
    }

    /// <summary>
    /// The strategy's first try at the blob; <paramref name="progress"/> follows the upload in use (the fallback's new
    /// one, once it falls back to chunks).
    /// </summary>
    private async Task<string> TransferAsync(
        RegistrySession session, UploadProgress progress, string path, OciDescriptor blob, PushOptions options,
        CancellationToken cancellationToken)
    {
        var strategy = options.EffectiveUploadStrategy;
        if (strategy == UploadStrategy.Chunked)
        {
            await UploadChunksAsync(session, progress, path, blob, options.ChunkSize, cancellationToken)
                .ConfigureAwait(false);
            return "in chunks";
        }

        if (strategy == UploadStrategy.Monolithic)
        {
            await PutMonolithicAsync(session, progress.Location, path, blob, cancellationToken).ConfigureAwait(false);
            return "in one request";
        }

        try
        {
            await PutMonolithicAsync(session, progress.Location, path, blob, cancellationToken).ConfigureAwait(false);
            return "in one request";
        }
        catch (RegistryRequestFailedException ex) when (!IsInterruption(ex, cancellationToken)
            && CanFallBackToChunks(ex, cancellationToken))
        {
            var reason = ex.StatusCode is { } status ? $"{(int)status} {status}" : "no response";
            DistributionLog.MonolithicUploadRefused(_logger, session.Endpoint.Host, blob.Digest, reason);
        }

        progress.Restart(await StartUploadAsync(session, cancellationToken).ConfigureAwait(false));
        await UploadChunksAsync(session, progress, path, blob, options.ChunkSize, cancellationToken)
            .ConfigureAwait(false);
        return "in chunks after the monolithic upload was refused";
    }

    private static bool CanFallBackToChunks(
        RegistryRequestFailedException exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception.StatusCode is not (>= HttpStatusCode.OK and < HttpStatusCode.Ambiguous)
        && !exception.Errors.Any(e => s_finalUploadErrors.Contains(e.Code));

    /// <summary>
    /// True when an upload request failed in a way a resume can cure: no response (the connection broke or timed
    /// out), a transient status (408, 429, 5xx), or an upload the registry no longer accepts
    /// (<see cref="UploadIsLost"/>).
    /// </summary>
    internal static bool IsInterruption(
        RegistryRequestFailedException exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (exception.StatusCode is not { } status
            || RegistryResiliencePipeline.IsTransient(status)
            || UploadIsLost(exception));

    /// <summary>
    /// True when the registry holds other bytes than the client assumed (416), or has dropped the upload (404 with
    /// <c>BLOB_UPLOAD_UNKNOWN</c> or <c>BLOB_UPLOAD_INVALID</c>; distribution answers so when a broken request
    /// had written part of its body after the client last asked). Only a new upload helps then.
    /// </summary>
    internal static bool UploadIsLost(RegistryRequestFailedException exception) =>
        exception.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable
        || (exception.StatusCode == HttpStatusCode.NotFound
            && exception.Errors.Any(e => e.Code is "BLOB_UPLOAD_UNKNOWN" or "BLOB_UPLOAD_INVALID"));

    private static string InterruptionReason(RegistryRequestFailedException exception) =>
        exception.StatusCode is { } status
            ? $"{exception.Method} answered {(int)status} {status}"
            : $"{exception.Method} got no response";

    /// <summary>
    /// Asks the registry where the upload stands (<c>GET &lt;location&gt;</c>, answered 204 with <c>Range: 0-end</c>
    /// and a new <c>Location</c>) and moves <paramref name="progress"/> there. False when the registry no longer knows
    /// the upload (404, <c>BLOB_UPLOAD_UNKNOWN</c>) or reports more bytes than the blob has: a new upload is needed.
    /// </summary>
    private static async Task<bool> QueryUploadAsync(
        RegistrySession session, UploadProgress progress, OciDescriptor blob, CancellationToken cancellationToken)
    {
        var location = progress.Location;
        using var response = await session.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, location), cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await RegistryErrors.FromResponseAsync(
                    response, $"Asking how far the upload of blob {blob.Digest} got failed.", cancellationToken)
                .ConfigureAwait(false);
            if (error is RegistryRequestFailedException failed
                && (failed.StatusCode == HttpStatusCode.NotFound
                    || failed.Errors.Any(e => e.Code is "BLOB_UPLOAD_UNKNOWN" or "BLOB_UPLOAD_INVALID")))
            {
                return false;
            }

            throw error;
        }

        var received = ReceivedBytes(HeaderValue(response, "Range"));
        if (received is null || received > blob.Size)
        {
            return false;
        }

        progress.Location = NextLocation(response) ?? location;
        progress.Offset = received.Value;
        return true;
    }

    /// <summary>
    /// The bytes an upload-status <c>Range</c> header says the registry holds: <c>0-end</c> means end + 1, except
    /// <c>0-0</c>, which registries send for an empty upload (a single received byte would be re-sent and answered
    /// 416, which restarts the upload). A missing header means none; anything unreadable gives null.
    /// </summary>
    internal static long? ReceivedBytes(string? range)
    {
        if (string.IsNullOrWhiteSpace(range))
        {
            return 0;
        }

        var text = range.Trim();
        if (text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first != 0
            || last == long.MaxValue)
        {
            return null;
        }

        return last == 0 ? 0 : last + 1;
    }

    /// <summary>Opens an upload: <c>POST /v2/&lt;name&gt;/blobs/uploads/</c>, answered 202 with a Location.</summary>
    private static async Task<UploadLocation> StartUploadAsync(
        RegistrySession session, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri("blobs/uploads/");
        using var response = await session.SendSuccessfulAsync(
                () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) },
                "Starting a blob upload failed.",
                cancellationToken)
            .ConfigureAwait(false);
        var location = NextLocation(response)
            ?? throw new RegistryRequestFailedException(
                "POST", uri, response.StatusCode, [], "The registry opened an upload without a Location header.");
        return new UploadLocation(location, ChunkMinimum(response));
    }

    private static async Task PutMonolithicAsync(
        RegistrySession session, Uri location, string path, OciDescriptor blob, CancellationToken cancellationToken)
    {
        var uri = WithDigest(location, blob.Digest);
        using var response = await session.SendSuccessfulAsync(
                () => new HttpRequestMessage(HttpMethod.Put, uri)
                {
                    Content = new FileRangeContent(path, 0, blob.Size),
                },
                $"Uploading blob {blob.Digest} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        CheckDigestHeader(response, uri, blob.Digest);
    }

    /// <summary>
    /// Sends the blob from <see cref="UploadProgress.Offset"/> in <c>PATCH</c> chunks, moving the progress after each
    /// accepted chunk, then closes the upload.
    /// </summary>
    private static async Task UploadChunksAsync(
        RegistrySession session, UploadProgress progress, string path, OciDescriptor blob, int chunkSize,
        CancellationToken cancellationToken)
    {
        var size = ChunkLength(chunkSize, progress.MinimumChunkLength);
        while (progress.Offset < blob.Size)
        {
            var first = progress.Offset;
            var length = Math.Min(size, blob.Size - first);
            var target = progress.Location;
            using var response = await session.SendSuccessfulAsync(
                    () =>
                    {
                        var content = new FileRangeContent(path, first, length);
                        content.Headers.TryAddWithoutValidation("Content-Range", $"{first}-{first + length - 1}");
                        return new HttpRequestMessage(HttpMethod.Patch, target) { Content = content };
                    },
                    $"Uploading bytes {first}-{first + length - 1} of blob {blob.Digest} failed.",
                    cancellationToken)
                .ConfigureAwait(false);
            progress.Location = NextLocation(response) ?? target;
            progress.Offset = first + length;
        }

        await CompleteUploadAsync(session, progress.Location, blob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes an upload with <c>PUT &lt;location&gt;?digest=</c> and no body. This request is retried; when a retry
    /// finds the upload gone because an earlier attempt had closed it, a <c>HEAD</c> of the blob settles it.
    /// </summary>
    private static async Task CompleteUploadAsync(
        RegistrySession session, Uri location, OciDescriptor blob, CancellationToken cancellationToken)
    {
        var uri = WithDigest(location, blob.Digest);
        try
        {
            using var final = await session.SendSuccessfulAsync(
                    () => new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent([]) },
                    $"Completing the upload of blob {blob.Digest} failed.",
                    cancellationToken)
                .ConfigureAwait(false);
            CheckDigestHeader(final, uri, blob.Digest);
        }
        catch (RegistryRequestFailedException ex) when (ex.StatusCode == HttpStatusCode.NotFound
            && !cancellationToken.IsCancellationRequested)
        {
            if (!await BlobExistsAsync(session, blob.Digest, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>Adds <c>digest=</c> to an upload location, keeping the query the registry put there.</summary>
    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }
}

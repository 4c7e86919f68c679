using System.Net;
using System.Net.Http.Headers;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <content>Push: blobs first (skipping those the registry has), then child manifests, then the tagged root.</content>
internal sealed partial class OciRegistryClient
{
    /// <summary>Error codes after which a chunked upload would fail the same way as the monolithic one did.</summary>
    private static readonly HashSet<string> s_finalUploadErrors = new(StringComparer.Ordinal)
    {
        "DIGEST_INVALID", "SIZE_INVALID", "NAME_UNKNOWN", "NAME_INVALID", "DENIED", "UNAUTHORIZED",
    };

    /// <inheritdoc />
    public async Task<PushResult> PushAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        OciImageLayout layout,
        string tag,
        PushOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(layout);
        OciNames.ThrowIfInvalidRepository(repository, nameof(repository));
        OciNames.ThrowIfInvalidTag(tag, nameof(tag));
        options ??= new PushOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelBlobs, 1, "options.MaxParallelBlobs");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(
            options.MaxParallelBlobs, DistributionLimits.MaxParallelBlobs, "options.MaxParallelBlobs");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, "options.ChunkSize");

        try
        {
            var plan = await PushPlan.BuildAsync(layout, options.LayoutReference, cancellationToken)
                .ConfigureAwait(false);
            var session = CreateSession(endpoint, credentials, repository, RegistryAccess.PullPush);
            var uploaded = 0;
            var skipped = 0;
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.MaxParallelBlobs,
                CancellationToken = cancellationToken,
            };
            async ValueTask PushOneAsync(OciDescriptor blob, CancellationToken token)
            {
                if (await PushBlobAsync(session, layout, blob, options, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref uploaded);
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }
            }

            // The first blob (the config, usually small) goes alone, so that the authentication handshake happens
            // once before the parallel uploads rather than once per upload.
            if (plan.Blobs.Count > 0)
            {
                await PushOneAsync(plan.Blobs[0], cancellationToken).ConfigureAwait(false);
            }

            await Parallel.ForEachAsync(plan.Blobs.Skip(1), parallel, PushOneAsync).ConfigureAwait(false);

            foreach (var child in plan.Children)
            {
                await PutManifestAsync(session, child, child.Descriptor.Digest, cancellationToken)
                    .ConfigureAwait(false);
            }

            await PutManifestAsync(session, plan.Root, tag, cancellationToken).ConfigureAwait(false);
            DistributionLog.PushCompleted(
                _logger, endpoint.Host, repository, tag, plan.Root.Descriptor.Digest, uploaded, skipped);
            var root = plan.Root.Descriptor;
            return new PushResult(root.Digest, plan.Root.Content.Length, root.MediaType, uploaded, skipped);
        }
        catch (RegistryException ex)
        {
            DistributionLog.PushFailed(_logger, ex, endpoint.Host, repository, tag);
            throw;
        }
    }

    /// <summary>Uploads one blob unless the registry has it; returns true when it was uploaded.</summary>
    private async Task<bool> PushBlobAsync(
        RegistrySession session, OciImageLayout layout, OciDescriptor blob, PushOptions options,
        CancellationToken cancellationToken)
    {
        if (await BlobExistsAsync(session, blob.Digest, cancellationToken).ConfigureAwait(false))
        {
            DistributionLog.BlobSkipped(_logger, blob.Digest, session.Repository);
            return false;
        }

        var path = layout.GetBlobPath(blob.Digest);
        if (!options.ForceChunkedUpload)
        {
            var monolithic = await StartUploadAsync(session, cancellationToken).ConfigureAwait(false);
            try
            {
                await PutMonolithicAsync(session, monolithic.Location, path, blob, cancellationToken)
                    .ConfigureAwait(false);
                DistributionLog.BlobUploaded(_logger, blob.Digest, blob.Size, session.Repository, "in one request");
                return true;
            }
            catch (RegistryRequestFailedException ex) when (CanFallBackToChunks(ex, cancellationToken))
            {
                var reason = ex.StatusCode is { } status ? $"{(int)status} {status}" : "no response";
                DistributionLog.MonolithicUploadRefused(_logger, session.Endpoint.Host, blob.Digest, reason);
            }
        }

        var chunked = await StartUploadAsync(session, cancellationToken).ConfigureAwait(false);
        await UploadChunksAsync(session, chunked, path, blob, options.ChunkSize, cancellationToken)
            .ConfigureAwait(false);
        DistributionLog.BlobUploaded(_logger, blob.Digest, blob.Size, session.Repository, "in chunks");
        return true;
    }

    private static bool CanFallBackToChunks(
        RegistryRequestFailedException exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception.StatusCode is not (>= HttpStatusCode.OK and < HttpStatusCode.Ambiguous)
        && !exception.Errors.Any(e => s_finalUploadErrors.Contains(e.Code));

    private static async Task<bool> BlobExistsAsync(
        RegistrySession session, string digest, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri("blobs/" + digest);
        using var response = await session.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Head, uri), cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        throw await RegistryErrors.FromResponseAsync(response, $"Checking blob {digest} failed.", cancellationToken)
            .ConfigureAwait(false);
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
        long? minimum = response.Headers.NonValidated.TryGetValues("OCI-Chunk-Min-Length", out var values)
            && long.TryParse(values.ToString(), out var parsed) && parsed > 0
                ? parsed
                : null;
        return new UploadLocation(location, minimum);
    }

    private async Task PutMonolithicAsync(
        RegistrySession session, Uri location, string path, OciDescriptor blob, CancellationToken cancellationToken)
    {
        var uri = WithDigest(location, blob.Digest);
        using var response = await session.SendSuccessfulAsync(
                () => new HttpRequestMessage(HttpMethod.Put, uri) { Content = FileContent(path, 0, blob.Size) },
                $"Uploading blob {blob.Digest} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        CheckDigestHeader(response, uri, blob.Digest);
    }

    private async Task UploadChunksAsync(
        RegistrySession session, UploadLocation start, string path, OciDescriptor blob, int chunkSize,
        CancellationToken cancellationToken)
    {
        var location = start.Location;
        var size = Math.Max(chunkSize, start.MinimumChunkLength ?? 0);
        long offset = 0;
        while (offset < blob.Size)
        {
            var length = Math.Min(size, blob.Size - offset);
            var target = location;
            var first = offset;
            using var response = await session.SendSuccessfulAsync(
                    () =>
                    {
                        var content = FileContent(path, first, length);
                        content.Headers.TryAddWithoutValidation("Content-Range", $"{first}-{first + length - 1}");
                        return new HttpRequestMessage(HttpMethod.Patch, target) { Content = content };
                    },
                    $"Uploading bytes {first}-{first + length - 1} of blob {blob.Digest} failed.",
                    cancellationToken)
                .ConfigureAwait(false);
            location = NextLocation(response) ?? location;
            offset += length;
        }

        var uri = WithDigest(location, blob.Digest);
        using var final = await session.SendSuccessfulAsync(
                () => new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent([]) },
                $"Completing the upload of blob {blob.Digest} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        CheckDigestHeader(final, uri, blob.Digest);
    }

    private async Task PutManifestAsync(
        RegistrySession session, FetchedManifest manifest, string reference, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri("manifests/" + reference);
        var mediaType = manifest.Descriptor.MediaType;
        using var response = await session.SendSuccessfulAsync(
                () =>
                {
                    var content = new ByteArrayContent(manifest.Content);
                    content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                    return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
                },
                $"Pushing the manifest {manifest.Descriptor.Digest} as {reference} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        CheckDigestHeader(response, uri, manifest.Descriptor.Digest);
        DistributionLog.ManifestPushed(_logger, manifest.Descriptor.Digest, mediaType, session.Repository, reference);
    }

    /// <summary>A registry that names the stored digest must name the one that was sent.</summary>
    private static void CheckDigestHeader(HttpResponseMessage response, Uri uri, string expected)
    {
        var actual = HeaderValue(response, DockerContentDigest);
        if (OciDigest.IsValid(actual)
            && OciDigest.AlgorithmOf(actual) == OciDigest.AlgorithmOf(expected)
            && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new RegistryRequestFailedException(
                response.RequestMessage?.Method.Method ?? "PUT", uri, response.StatusCode, [],
                $"The registry stored the digest {actual}, but {expected} was sent.");
        }
    }

    private static StreamContent FileContent(string path, long offset, long length)
    {
        var content = new StreamContent(new FileSliceStream(path, offset, length), DistributionLimits.CopyBufferSize);
        content.Headers.ContentLength = length;
        content.Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.OctetStream);
        return content;
    }

    /// <summary>The upload Location of a response, resolved against the request (it may be relative).</summary>
    private static Uri? NextLocation(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
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

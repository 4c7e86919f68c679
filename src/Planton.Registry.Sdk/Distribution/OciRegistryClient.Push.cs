using System.Net;
using System.Net.Http.Headers;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <content>Push: blobs first (skipping those the registry has), then child manifests, then the tagged root.</content>
internal sealed partial class OciRegistryClient
{
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
        if (!Enum.IsDefined(options.UploadStrategy))
        {
            throw new ArgumentOutOfRangeException(
                "options.UploadStrategy", options.UploadStrategy, "Not a defined upload strategy.");
        }

        using var operation = TransferOperation.StartPush(_timeProvider, endpoint, repository, tag, options);
        try
        {
            var plan = await PushPlan.BuildAsync(layout, options.LayoutReference, cancellationToken)
                .ConfigureAwait(false);
            operation.Planned(plan.Blobs.Count);
            var session = CreateSession(endpoint, credentials, repository, RegistryAccess.PullPush);
            if (_blobLocations is not null)
            {
                await _blobLocations.LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            var counts = new int[3];
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.MaxParallelBlobs,
                CancellationToken = cancellationToken,
            };

            // One HEAD goes alone, so that the authentication handshake happens once before the parallel requests
            // rather than once per blob; then the blobs go largest first, so that the longest upload starts first.
            bool? firstExists = null;
            if (plan.Blobs.Count > 0)
            {
                firstExists = await BlobExistsAsync(session, plan.Blobs[0].Digest, cancellationToken)
                    .ConfigureAwait(false);
            }

            var ordered = plan.Blobs.Select((blob, index) => (Blob: blob, Index: index))
                .OrderByDescending(item => item.Blob.Size)
                .ToList();
            await Parallel.ForEachAsync(ordered, parallel, async (item, token) =>
                {
                    var known = item.Index == 0 ? firstExists : null;
                    var outcome = await PushBlobObservedAsync(
                            operation, session, layout, item.Blob, known, options, token)
                        .ConfigureAwait(false);
                    Interlocked.Increment(ref counts[(int)outcome]);
                })
                .ConfigureAwait(false);

            foreach (var child in plan.Children)
            {
                await PutManifestAsync(session, child, child.Descriptor.Digest, cancellationToken)
                    .ConfigureAwait(false);
            }

            await PutManifestAsync(session, plan.Root, tag, cancellationToken).ConfigureAwait(false);
            var uploaded = counts[(int)BlobPushOutcome.Uploaded];
            var mounted = counts[(int)BlobPushOutcome.Mounted];
            var skipped = counts[(int)BlobPushOutcome.Skipped];
            DistributionLog.PushCompleted(
                _logger, endpoint.Host, repository, tag, plan.Root.Descriptor.Digest, uploaded, mounted, skipped);
            var root = plan.Root.Descriptor;
            operation.Succeeded(root.Digest);
            return new PushResult(root.Digest, plan.Root.Content.Length, root.MediaType, uploaded, skipped)
            {
                BlobsMounted = mounted,
            };
        }
        catch (Exception ex) when (operation.Failed(ex))
        {
            throw;
        }
        catch (RegistryException ex)
        {
            DistributionLog.PushFailed(_logger, ex, endpoint.Host, repository, tag);
            throw;
        }
        finally
        {
            if (_blobLocations is not null)
            {
                await _blobLocations.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The size of each chunk: the caller's, raised to the registry's <c>OCI-Chunk-Min-Length</c>.</summary>
    internal static long ChunkLength(int chunkSize, long? registryMinimum) =>
        Math.Max(chunkSize, registryMinimum ?? 0);

    /// <summary>
    /// Skips a blob the repository has, else mounts it from a repository the blob-location cache names, else
    /// uploads it with the options' strategy.
    /// </summary>
    private async Task<BlobPushOutcome> PushBlobAsync(
        RegistrySession session, OciImageLayout layout, OciDescriptor blob, bool? knownToExist, PushOptions options,
        CancellationToken cancellationToken)
    {
        var exists = knownToExist
            ?? await BlobExistsAsync(session, blob.Digest, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            DistributionLog.BlobSkipped(_logger, blob.Digest, session.Repository);
            RememberLocation(session, blob.Digest);
            return BlobPushOutcome.Skipped;
        }

        UploadLocation? open = null;
        if (options.MountFromOtherRepositories && _blobLocations is not null)
        {
            var candidates = _blobLocations.Candidates(session.Endpoint.Host, blob.Digest, session.Repository);
            foreach (var source in candidates.Take(DistributionLimits.MaxMountAttempts))
            {
                if (open is not null)
                {
                    await CancelUploadAsync(session, open.Location, cancellationToken).ConfigureAwait(false);
                    open = null;
                }

                var (mounted, leftOpen) = await TryMountAsync(session, blob.Digest, source, cancellationToken)
                    .ConfigureAwait(false);
                if (mounted)
                {
                    DistributionLog.BlobMounted(_logger, blob.Digest, session.Repository, source);
                    RememberLocation(session, blob.Digest);
                    return BlobPushOutcome.Mounted;
                }

                open = leftOpen;
            }
        }

        // Push hashes no layer (the registry does): a file whose bytes changed in place is caught by its answer.
        var relative = OciImageLayout.GetBlobRelativePath(blob.Digest);
        layout.CheckBlob(blob, allowMissing: false);
        string mode;
        try
        {
            mode = await UploadAsync(session, open, layout.GetBlobPath(blob.Digest), blob, options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryRequestFailedException ex) when (ex.Errors.Any(e => e.Code == "DIGEST_INVALID"))
        {
            throw new OciLayoutException(
                layout.LayoutDirectory, relative,
                $"the registry found that the local blob does not match its digest {blob.Digest}; the layout is "
                + "corrupt (the file was changed after it was written). Pull or build the image again.",
                ex);
        }

        DistributionLog.BlobUploaded(_logger, blob.Digest, blob.Size, session.Repository, mode);
        RememberLocation(session, blob.Digest);
        return BlobPushOutcome.Uploaded;
    }

    private void RememberLocation(RegistrySession session, string digest) =>
        _blobLocations?.Record(session.Endpoint.Host, digest, session.Repository);

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

    /// <summary>
    /// Asks the registry to mount a blob from <paramref name="source"/>
    /// (distribution spec, "Mounting a blob from another repository"): 201 means mounted; 202 means the registry
    /// opened an ordinary upload instead, which is returned for the
    /// upload to use. Any failure, refused access to the source included, gives neither, and the blob is uploaded.
    /// </summary>
    private async Task<(bool Mounted, UploadLocation? Open)> TryMountAsync(
        RegistrySession session, string digest, string source, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri(
            "blobs/uploads/?mount=" + Uri.EscapeDataString(digest) + "&from=" + Uri.EscapeDataString(source));
        HttpResponseMessage response;
        try
        {
            response = await session.SendAsync(
                    () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) },
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryException ex) when (!cancellationToken.IsCancellationRequested)
        {
            DistributionLog.MountNotDone(_logger, digest, session.Repository, source, ex.GetType().Name);
            return (false, null);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var stored = HeaderValue(response, DockerContentDigest);
                if (!OciDigest.IsValid(stored) || string.Equals(stored, digest, StringComparison.Ordinal))
                {
                    return (true, null);
                }
            }

            if (response.StatusCode == HttpStatusCode.Accepted && NextLocation(response) is { } location)
            {
                DistributionLog.MountNotDone(_logger, digest, session.Repository, source, "202, uploading instead");
                return (false, new UploadLocation(location, ChunkMinimum(response)));
            }

            DistributionLog.MountNotDone(
                _logger, digest, session.Repository, source, $"{(int)response.StatusCode} {response.StatusCode}");
            return (false, null);
        }
    }

    /// <summary>Cancels an upload that will not be used (<c>DELETE &lt;location&gt;</c>); best effort.</summary>
    private static async Task CancelUploadAsync(
        RegistrySession session, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await session.SendAsync(
                    () => new HttpRequestMessage(HttpMethod.Delete, location), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryException)
        {
            // The registry drops abandoned uploads itself; failing to cancel one changes nothing for the push.
        }
    }

    /// <summary>The <c>OCI-Chunk-Min-Length</c> of an upload-opening reply, or null.</summary>
    private static long? ChunkMinimum(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("OCI-Chunk-Min-Length", out var values)
        && long.TryParse(values.ToString(), out var parsed) && parsed > 0
            ? parsed
            : null;

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
}

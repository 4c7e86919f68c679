using System.Net;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <content>Pull: manifests first (each verified), then the blobs in parallel, then <c>index.json</c>.</content>
internal sealed partial class OciRegistryClient
{
    private const int MaxIndexDepth = 8;

    /// <inheritdoc />
    public async Task<PullResult> PullAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        string layoutDirectory,
        PullOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        OciNames.ThrowIfInvalidRepository(repository, nameof(repository));
        var byDigest = OciNames.ThrowIfInvalidTagOrDigest(tagOrDigest, nameof(tagOrDigest));
        ArgumentException.ThrowIfNullOrWhiteSpace(layoutDirectory);
        options ??= new PullOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelBlobs, 1, "options.MaxParallelBlobs");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(
            options.MaxParallelBlobs, DistributionLimits.MaxParallelBlobs, "options.MaxParallelBlobs");
        var directory = Path.GetFullPath(layoutDirectory);

        using var operation = TransferOperation.StartPull(_timeProvider, endpoint, repository, tagOrDigest, options);
        try
        {
            // An existing layout must be sound before anything is added to it; a new one is only created once the
            // manifests are in, so that a failed lookup leaves no empty layout behind.
            if (File.Exists(Path.Combine(directory, OciImageLayout.IndexFileName)))
            {
                await OciImageLayout.OpenAsync(directory, cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(Path.Combine(directory, OciImageLayout.LayoutFileName)))
            {
                await OciImageLayout.CheckLayoutMarkerAsync(directory, cancellationToken).ConfigureAwait(false);
            }

            var session = CreateSession(endpoint, credentials, repository, RegistryAccess.Pull);
            if (_blobLocations is not null)
            {
                await _blobLocations.LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            var root = await FetchManifestAsync(session, tagOrDigest, byDigest ? tagOrDigest : null, cancellationToken)
                .ConfigureAwait(false);
            var collected = new PullCollection();
            var target = root;
            if (root.Document.IsIndex && options.Platform is { } platform)
            {
                var entry = root.Document.Manifests.FirstOrDefault(m => platform.Matches(m.Platform))
                    ?? throw NoSuchPlatform(session, tagOrDigest, platform, root);
                target = await FetchChildAsync(session, entry, cancellationToken).ConfigureAwait(false);
                target = new FetchedManifest(
                    target.Descriptor with { Platform = entry.Platform }, target.Content, target.Document);
            }

            await CollectAsync(session, target, collected, 0, cancellationToken).ConfigureAwait(false);
            await OciLayoutWriter.EnsureLayoutAsync(directory, cancellationToken).ConfigureAwait(false);
            var downloaded = 0;
            long bytes = 0;
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.MaxParallelBlobs,
                CancellationToken = cancellationToken,
            };

            // Largest first, so that the longest download starts first and the small ones fill the gaps.
            var ordered = collected.Blobs.OrderByDescending(b => b.Size).ToList();
            operation.Planned(ordered.Count);
            await Parallel.ForEachAsync(ordered, parallel, async (blob, token) =>
                {
                    var written = await DownloadBlobObservedAsync(operation, session, directory, blob, token)
                        .ConfigureAwait(false);
                    _blobLocations?.Record(endpoint.Host, blob.Digest, repository);
                    if (written is { } count)
                    {
                        Interlocked.Increment(ref downloaded);
                        Interlocked.Add(ref bytes, count);
                    }
                })
                .ConfigureAwait(false);

            foreach (var manifest in collected.Manifests)
            {
                await OciLayoutWriter.WriteVerifiedBlobAsync(
                    directory, manifest.Descriptor.Digest, manifest.Content, cancellationToken).ConfigureAwait(false);
            }

            var referenceName = options.LayoutReference ?? (byDigest ? null : tagOrDigest);
            await OciLayoutWriter.SetIndexEntryAsync(directory, target.Descriptor, referenceName, cancellationToken)
                .ConfigureAwait(false);
            DistributionLog.PullCompleted(
                _logger, endpoint.Host, repository, target.Descriptor.Digest, directory, downloaded, bytes);
            operation.Succeeded(target.Descriptor.Digest);
            return new PullResult(target.Descriptor.Digest, target.Descriptor.MediaType, downloaded, bytes);
        }
        catch (Exception ex) when (operation.Failed(ex))
        {
            throw;
        }
        catch (RegistryException ex)
        {
            DistributionLog.PullFailed(_logger, ex, endpoint.Host, repository, tagOrDigest);
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

    /// <summary>Gathers a manifest, its children (for an index) and its blobs, each once.</summary>
    private async Task CollectAsync(
        RegistrySession session, FetchedManifest manifest, PullCollection collected, int depth,
        CancellationToken cancellationToken)
    {
        if (!collected.AddManifest(manifest))
        {
            return;
        }

        if (!manifest.Document.IsIndex)
        {
            foreach (var blob in manifest.Document.Blobs)
            {
                collected.AddBlob(blob);
            }

            return;
        }

        if (depth >= MaxIndexDepth)
        {
            throw new RegistryRequestFailedException(
                "GET", session.RepositoryUri("manifests/" + manifest.Descriptor.Digest), HttpStatusCode.OK, [],
                $"Image indexes nest deeper than {MaxIndexDepth}.");
        }

        foreach (var entry in manifest.Document.Manifests)
        {
            var child = await FetchChildAsync(session, entry, cancellationToken).ConfigureAwait(false);
            await CollectAsync(session, child, collected, depth + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches an index entry by digest and checks it against the entry's size too.</summary>
    private async Task<FetchedManifest> FetchChildAsync(
        RegistrySession session, OciDescriptor entry, CancellationToken cancellationToken)
    {
        var child = await FetchManifestAsync(session, entry.Digest, entry.Digest, cancellationToken)
            .ConfigureAwait(false);
        if (child.Content.Length != entry.Size)
        {
            throw new RegistryRequestFailedException(
                "GET", session.RepositoryUri("manifests/" + entry.Digest), HttpStatusCode.OK, [],
                $"The manifest {entry.Digest} has {child.Content.Length} bytes, but the index says {entry.Size}.");
        }

        return child;
    }

    /// <summary>Downloads one blob into the layout; returns its size, or null when the layout already had it.</summary>
    private async Task<long?> DownloadBlobAsync(
        RegistrySession session, string directory, OciDescriptor blob, CancellationToken cancellationToken)
    {
        if (OciLayoutWriter.HasBlob(directory, blob))
        {
            DistributionLog.BlobAlreadyInLayout(_logger, blob.Digest);
            return null;
        }

        var uri = session.RepositoryUri("blobs/" + blob.Digest);
        using var response = await session.SendSuccessfulAsync(
                () => new HttpRequestMessage(HttpMethod.Get, uri),
                $"Downloading blob {blob.Digest} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        var finalUri = response.RequestMessage?.RequestUri ?? uri;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var written = await OciLayoutWriter.WriteBlobAsync(directory, blob, stream, cancellationToken)
                    .ConfigureAwait(false);
                DistributionLog.BlobDownloaded(_logger, blob.Digest, written, session.Repository);
                return written;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RegistryRequestFailedException(
                "GET", finalUri, response.StatusCode, [], ex.Message + " Nothing was written.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpIOException)
        {
            throw new RegistryRequestFailedException(
                "GET", finalUri, response.StatusCode, [],
                $"The download of blob {blob.Digest} broke off: {ex.Message}", ex);
        }
    }

    private static RegistryRequestFailedException NoSuchPlatform(
        RegistrySession session, string reference, OciPlatform platform, FetchedManifest index)
    {
        var available = index.Document.Manifests.Select(m => m.Platform?.ToString()).OfType<string>().ToList();
        var message = $"The image index has no manifest for {platform}; it has: "
            + (available.Count == 0 ? "(no platforms)" : string.Join(", ", available)) + ".";
        return new RegistryRequestFailedException(
            "GET", session.RepositoryUri("manifests/" + reference), HttpStatusCode.NotFound,
            [new OciError("MANIFEST_UNKNOWN", message)]);
    }
}

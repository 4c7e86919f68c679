using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Sdk.Images;

/// <summary>Asks the provider where and how, then hands the transfer to the OCI client.</summary>
internal sealed class ImageTransfer : IImageTransfer
{
    private readonly IOciRegistryClient _client;
    private readonly IRepositoryPreparer _repositories;

    public ImageTransfer(IOciRegistryClient client, IRepositoryPreparer repositories)
    {
        _client = client;
        _repositories = repositories;
    }

    public async Task<ImagePushResult> PushAsync(
        IRegistryProvider provider,
        string layoutDirectory,
        string image,
        string tag,
        PushOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(layoutDirectory);
        var reference = provider.BuildImageReference(image, tag);
        var layout = await OciImageLayout.OpenAsync(layoutDirectory, cancellationToken).ConfigureAwait(false);
        var effective = ApplyRules(provider.TransferRules, options);
        if (effective.LayoutReference is null && layout.FindManifest(tag) is not null)
        {
            // A layout holding several images: the one named like the tag is the one meant.
            effective.LayoutReference = tag;
        }

        effective.ProviderKind = provider.Kind.ToString();
        await _repositories.EnsureRepositoryAsync(provider, reference.Repository, cancellationToken)
            .ConfigureAwait(false);
        var result = await _client.PushAsync(
                Endpoint(provider),
                provider.Credentials,
                reference.Repository,
                layout,
                tag,
                effective,
                cancellationToken)
            .ConfigureAwait(false);
        return new ImagePushResult(reference, result.Digest, result.BlobsUploaded, result.BlobsSkipped)
        {
            BlobsMounted = result.BlobsMounted,
        };
    }

    public async Task<ImagePullResult> PullAsync(
        IRegistryProvider provider,
        ImageReference reference,
        string layoutDirectory,
        PullOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(layoutDirectory);
        if (!string.Equals(reference.Registry, provider.RegistryHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryConfigurationException(
                "--ref",
                $"'{reference.Registry}' is not the registry of the connection '{provider.ConnectionName}' "
                + $"({provider.RegistryHost}); the connection's credentials go only to its own registry.");
        }

        var tagOrDigest = reference.Digest ?? reference.Tag ?? ImageReference.DefaultTag;
        var effective = options ?? new PullOptions();
        effective.LayoutReference ??= reference.Tag;
        effective.ProviderKind = provider.Kind.ToString();
        var result = await _client.PullAsync(
                Endpoint(provider), provider.Credentials, reference.Repository, tagOrDigest, layoutDirectory, effective,
                cancellationToken)
            .ConfigureAwait(false);
        return new ImagePullResult(reference, result.Digest, result.BlobsDownloaded, result.BytesDownloaded);
    }

    private static RegistryEndpoint Endpoint(IRegistryProvider provider) =>
        RegistryEndpoint.Create(provider.RegistryUri.GetLeftPart(UriPartial.Authority), provider.AllowInsecureHttp);

    /// <summary>
    /// A copy of the caller's options within the provider's rules: no more parallel blobs than it takes, no chunk
    /// below its floor, and its upload strategy unless the caller chose one.
    /// </summary>
    internal static PushOptions ApplyRules(TransferRules rules, PushOptions? options)
    {
        var given = options ?? new PushOptions();
        var strategy = given.UploadStrategy == UploadStrategy.MonolithicWithChunkedFallback
            ? rules.UploadStrategy
            : given.UploadStrategy;
        return new PushOptions
        {
            LayoutReference = given.LayoutReference,
            MaxParallelBlobs = Math.Clamp(given.MaxParallelBlobs, 1, Math.Max(1, rules.MaxParallelBlobs)),
            ChunkSize = (int)Math.Clamp(Math.Max(given.ChunkSize, rules.MinChunkSize), 1, int.MaxValue),
            ForceChunkedUpload = given.ForceChunkedUpload,
            UploadStrategy = strategy,
            MountFromOtherRepositories = given.MountFromOtherRepositories,
            Progress = given.Progress,
        };
    }
}

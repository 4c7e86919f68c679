namespace Planton.Registry.Sdk.Distribution;

/// <summary>The manifests and blobs a pull has found so far, each digest once, in the order found.</summary>
internal sealed class PullCollection
{
    private readonly List<FetchedManifest> _manifests = [];
    private readonly HashSet<string> _manifestDigests = new(StringComparer.Ordinal);
    private readonly List<OciDescriptor> _blobs = [];
    private readonly HashSet<string> _blobDigests = new(StringComparer.Ordinal);

    public IReadOnlyList<FetchedManifest> Manifests => _manifests;

    public IReadOnlyList<OciDescriptor> Blobs => _blobs;

    public bool AddManifest(FetchedManifest manifest)
    {
        if (!_manifestDigests.Add(manifest.Descriptor.Digest))
        {
            return false;
        }

        _manifests.Add(manifest);
        return true;
    }

    public void AddBlob(OciDescriptor blob)
    {
        if (_blobDigests.Add(blob.Digest))
        {
            _blobs.Add(blob);
        }
    }
}

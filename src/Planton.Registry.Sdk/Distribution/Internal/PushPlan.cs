using System.Buffers;
using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// What a push sends, read and checked from the layout before any request: the blobs (each once), the child
/// manifests of an image index (deepest first) and the root manifest that gets the tag.
/// </summary>
internal sealed class PushPlan
{
    private const int MaxDepth = 8;

    private readonly OciImageLayout _layout;
    private readonly List<OciDescriptor> _blobs = [];
    private readonly HashSet<string> _blobDigests = new(StringComparer.Ordinal);
    private readonly List<FetchedManifest> _children = [];
    private readonly HashSet<string> _manifestDigests = new(StringComparer.Ordinal);

    private PushPlan(OciImageLayout layout)
    {
        _layout = layout;
    }

    public IReadOnlyList<OciDescriptor> Blobs => _blobs;

    /// <summary>Manifests to push by digest before the root, deepest first.</summary>
    public IReadOnlyList<FetchedManifest> Children => _children;

    public FetchedManifest Root { get; private set; } = null!;

    public static async Task<PushPlan> BuildAsync(
        OciImageLayout layout, string? layoutReference, CancellationToken cancellationToken)
    {
        var plan = new PushPlan(layout);
        if (layoutReference is not null)
        {
            var named = layout.FindManifest(layoutReference) ?? throw new OciLayoutException(
                layout.LayoutDirectory, OciImageLayout.IndexFileName,
                $"no entry is named '{layoutReference}'; the names are: {Names(layout)}.");
            plan.Root = await plan.VisitAsync(named, 0, isRoot: true, cancellationToken).ConfigureAwait(false);
        }
        else if (layout.Manifests.Count == 0)
        {
            throw new OciLayoutException(
                layout.LayoutDirectory, OciImageLayout.IndexFileName, "the index lists no manifests.");
        }
        else if (layout.Manifests.Select(m => m.Digest).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            // One image, perhaps listed more than once (a pull by tag, then by digest): push it, not an index.
            plan.Root = await plan.VisitAsync(layout.Manifests[0], 0, isRoot: true, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            plan.Root = await plan.PlanWholeIndexAsync(cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    private async Task<FetchedManifest> PlanWholeIndexAsync(CancellationToken cancellationToken)
    {
        var content = _layout.IndexContent;
        var document = OciManifestDocument.Parse(content, OciMediaTypes.ImageIndex);
        if (document.MediaType is null)
        {
            // The layout's index.json may leave its mediaType out; a registry needs it in the pushed body. The
            // bytes built here are the ones digested and sent.
            content = BuildIndex(document.Manifests);
            document = OciManifestDocument.Parse(content, OciMediaTypes.ImageIndex);
        }

        foreach (var child in document.Manifests)
        {
            await VisitAsync(child, 1, isRoot: false, cancellationToken).ConfigureAwait(false);
        }

        var descriptor = new OciDescriptor(
            document.MediaType ?? OciMediaTypes.ImageIndex, OciDigest.Compute(content), content.Length);
        return new FetchedManifest(descriptor, content, document);
    }

    private async Task<FetchedManifest> VisitAsync(
        OciDescriptor descriptor, int depth, bool isRoot, CancellationToken cancellationToken)
    {
        var relative = OciImageLayout.GetBlobRelativePath(descriptor.Digest);
        if (depth > MaxDepth)
        {
            throw new OciLayoutException(
                _layout.LayoutDirectory, relative, $"image indexes nest deeper than {MaxDepth}.");
        }

        var content = await _layout.ReadVerifiedBlobAsync(descriptor, cancellationToken).ConfigureAwait(false);
        OciManifestDocument document;
        try
        {
            document = OciManifestDocument.Parse(content, descriptor.MediaType);
        }
        catch (InvalidDataException ex)
        {
            throw new OciLayoutException(_layout.LayoutDirectory, relative, ex.Message, ex);
        }

        var manifest = new FetchedManifest(
            descriptor with { MediaType = document.MediaType ?? descriptor.MediaType }, content, document);
        if (document.IsIndex)
        {
            foreach (var child in document.Manifests)
            {
                await VisitAsync(child, depth + 1, isRoot: false, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var blob in document.Blobs)
            {
                var file = _layout.CheckBlob(blob, allowMissing: OciMediaTypes.IsNonDistributable(blob.MediaType));
                if (file is not null && _blobDigests.Add(blob.Digest))
                {
                    _blobs.Add(blob);
                }
            }
        }

        if (!isRoot && _manifestDigests.Add(descriptor.Digest))
        {
            _children.Add(manifest);
        }

        return manifest;
    }

    private static byte[] BuildIndex(IReadOnlyList<OciDescriptor> manifests)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", OciMediaTypes.ImageIndex);
            writer.WriteStartArray("manifests");
            foreach (var manifest in manifests)
            {
                OciJson.WriteDescriptor(writer, manifest);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Names(OciImageLayout layout)
    {
        var names = layout.Manifests.Select(m => m.ReferenceName).OfType<string>().ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names.Select(n => $"'{n}'"));
    }
}

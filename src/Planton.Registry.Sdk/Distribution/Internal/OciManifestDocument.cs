using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The parts of an image manifest or image index that a copy needs: its media type, its config and layers, or
/// its child manifests (<see href="https://github.com/opencontainers/image-spec/blob/main/manifest.md"/>,
/// <see href="https://github.com/opencontainers/image-spec/blob/main/image-index.md"/>).
/// </summary>
internal sealed class OciManifestDocument
{
    private OciManifestDocument(
        string? mediaType, OciDescriptor? config, IReadOnlyList<OciDescriptor> layers,
        IReadOnlyList<OciDescriptor> manifests)
    {
        MediaType = mediaType;
        Config = config;
        Layers = layers;
        Manifests = manifests;
    }

    /// <summary>The <c>mediaType</c> field, which the OCI spec makes optional.</summary>
    public string? MediaType { get; }

    public OciDescriptor? Config { get; }

    public IReadOnlyList<OciDescriptor> Layers { get; }

    public IReadOnlyList<OciDescriptor> Manifests { get; }

    /// <summary>True when the document lists manifests rather than a config and layers.</summary>
    public bool IsIndex => Config is null;

    /// <summary>The config and layers, in that order.</summary>
    public IEnumerable<OciDescriptor> Blobs => Config is null ? Layers : Layers.Prepend(Config);

    /// <summary>
    /// Parses a manifest or index. <paramref name="declaredMediaType"/> (from a descriptor or a Content-Type)
    /// decides which one is expected when the document has no <c>mediaType</c> of its own.
    /// Throws <see cref="InvalidDataException"/> when the content is not a schema 2 manifest or index.
    /// </summary>
    public static OciManifestDocument Parse(ReadOnlyMemory<byte> content, string? declaredMediaType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The manifest is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("The manifest is not a JSON object.");
            }

            if (!root.TryGetProperty("schemaVersion", out var version)
                || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var schemaVersion)
                || schemaVersion != 2)
            {
                throw new InvalidDataException("The manifest's schemaVersion is not 2.");
            }

            var mediaType = OciJson.ReadString(root, "mediaType", "The manifest");
            var effective = mediaType ?? declaredMediaType;
            var isIndex = root.TryGetProperty("manifests", out var manifestsElement)
                && !root.TryGetProperty("config", out _);
            if (effective is not null && OciMediaTypes.IsManifest(effective)
                && OciMediaTypes.IsIndex(effective) != isIndex)
            {
                throw new InvalidDataException(
                    $"The manifest's content does not fit its media type '{effective}'.");
            }

            if (isIndex)
            {
                return new OciManifestDocument(mediaType, null, [], ReadList(manifestsElement, "manifests"));
            }

            if (!root.TryGetProperty("config", out var configElement))
            {
                throw new InvalidDataException("The manifest has neither a config nor a list of manifests.");
            }

            var config = OciJson.ReadDescriptor(configElement, "The manifest's config");
            var layers = root.TryGetProperty("layers", out var layersElement)
                ? ReadList(layersElement, "layers")
                : [];
            return new OciManifestDocument(mediaType, config, layers, []);
        }
    }

    private static List<OciDescriptor> ReadList(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"The manifest's '{name}' is not an array.");
        }

        var list = new List<OciDescriptor>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            list.Add(OciJson.ReadDescriptor(item, $"The manifest's {name}[{index}]"));
            index++;
        }

        return list;
    }
}

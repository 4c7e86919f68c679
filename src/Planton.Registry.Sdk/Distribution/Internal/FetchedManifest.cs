namespace Planton.Registry.Sdk.Distribution;

/// <summary>A manifest or image index with its verified digest, exact bytes and parsed parts.</summary>
internal sealed class FetchedManifest
{
    public FetchedManifest(OciDescriptor descriptor, byte[] content, OciManifestDocument document)
    {
        Descriptor = descriptor;
        Content = content;
        Document = document;
    }

    /// <summary>The media type it travels with, its digest and its size.</summary>
    public OciDescriptor Descriptor { get; }

    /// <summary>The exact bytes: a manifest's digest is over these, so they are never re-serialized.</summary>
    public byte[] Content { get; }

    public OciManifestDocument Document { get; }
}

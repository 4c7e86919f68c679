using System.Security.Cryptography;
using System.Text;

namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>A small image in memory: a config, random layers and the manifest over them.</summary>
internal sealed class TestImage
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar";

    private TestImage(byte[] config, IReadOnlyList<byte[]> layers, byte[] manifest)
    {
        Config = config;
        Layers = layers;
        Manifest = manifest;
    }

    public byte[] Config { get; }

    public IReadOnlyList<byte[]> Layers { get; }

    public byte[] Manifest { get; }

    public string Digest => FakeRegistry.Sha256(Manifest);

    public IEnumerable<byte[]> Blobs => Layers.Prepend(Config);

    public static TestImage Create(params int[] layerSizes)
    {
        var layers = layerSizes.Select(RandomNumberGenerator.GetBytes).ToList();
        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + string.Join(',', layers.Select(l => $"\"{FakeRegistry.Sha256(l)}\"")) + "]}}");
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{ManifestMediaType}\","
            + $"\"config\":{Descriptor("application/vnd.oci.image.config.v1+json", config)},"
            + $"\"layers\":[{string.Join(',', layers.Select(l => Descriptor(LayerMediaType, l)))}]}}");
        return new TestImage(config, layers, manifest);
    }

    /// <summary>Puts the blobs and the manifest (under <paramref name="tag"/>) into the fake registry.</summary>
    public void SeedInto(FakeRegistry registry, string repository, string tag)
    {
        foreach (var blob in Blobs)
        {
            registry.AddBlob(blob, repository);
        }

        registry.AddManifest(repository, tag, ManifestMediaType, Manifest);
    }

    /// <summary>Writes an image layout holding this image under <paramref name="tag"/>.</summary>
    public void WriteLayout(string directory, string tag)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        foreach (var blob in Blobs.Append(Manifest))
        {
            File.WriteAllBytes(Path.Combine(blobs, FakeRegistry.Sha256(blob)["sha256:".Length..]), blob);
        }

        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(
            Path.Combine(directory, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{ManifestMediaType}\",\"digest\":\"{Digest}\","
            + $"\"size\":{Manifest.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{tag}\"}}}}]}}");
    }

    public static string Descriptor(string mediaType, byte[] content) =>
        $"{{\"mediaType\":\"{mediaType}\",\"digest\":\"{FakeRegistry.Sha256(content)}\",\"size\":{content.Length}}}";
}

using System.Security.Cryptography;
using System.Text;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>Writes small image layouts for the tests, and compares layouts blob by blob.</summary>
internal static class TestLayouts
{
    private const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>
    /// Writes a layout holding one image of <paramref name="layerSizes"/>.Length random layers (sizes in bytes),
    /// named <paramref name="tag"/>; returns the manifest digest.
    /// </summary>
    public static string WriteMultiLayer(string directory, string tag, params int[] layerSizes)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        var layers = new List<string>();
        var diffIds = new List<string>();
        foreach (var size in layerSizes)
        {
            var bytes = RandomNumberGenerator.GetBytes(size);
            var digest = PutBlob(directory, bytes);
            diffIds.Add($"\"{digest}\"");
            layers.Add($"{{\"mediaType\":\"{LayerMediaType}\",\"digest\":\"{digest}\",\"size\":{size}}}");
        }

        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + string.Join(',', diffIds) + "]}}");
        var configDigest = PutBlob(directory, config);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\","
            + $"\"size\":{config.Length}}},\"layers\":[{string.Join(',', layers)}]}}");
        var manifestDigest = PutBlob(directory, manifest);
        File.WriteAllText(
            Path.Combine(directory, "index.json"),
            "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + $"\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length},"
            + $"\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{tag}\"}}}}]}}");
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return manifestDigest;
    }

    /// <summary>Every blob file of a layout, by digest.</summary>
    public static Dictionary<string, byte[]> ReadBlobs(string directory)
    {
        var root = Path.Combine(directory, "blobs");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(
                f => Path.GetFileName(Path.GetDirectoryName(f)!) + ":" + Path.GetFileName(f),
                File.ReadAllBytes);
    }

    public static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static string PutBlob(string directory, byte[] content)
    {
        var digest = Sha256(content);
        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest["sha256:".Length..]), content);
        return digest;
    }
}

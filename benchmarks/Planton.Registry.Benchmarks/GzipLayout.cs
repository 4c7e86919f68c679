using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// Writes a copy of a bench layout whose layers are gzip-compressed (fastest level), with the same config. skopeo
/// pushes such layers as they are, while it gzips uncompressed ones on the way to a registry; pushing this layout
/// compares the two clients on the transfer alone.
/// </summary>
internal static class GzipLayout
{
    private const string GzipLayerType = "application/vnd.oci.image.layer.v1.tar+gzip";

    public static async Task<string> EnsureAsync(string source, string target, string tag)
    {
        if (File.Exists(Path.Combine(target, "index.json")))
        {
            return target;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var blobs = Path.Combine(target, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        using var index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(source, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(BlobPath(source, manifestDigest)));
        var config = manifest.RootElement.GetProperty("config");
        var configDigest = config.GetProperty("digest").GetString()!;
        File.Copy(BlobPath(source, configDigest), BlobPath(target, configDigest));
        var layers = new List<string>();
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            var temp = Path.Combine(blobs, ".layer.tmp");
            await using (var input = File.OpenRead(BlobPath(source, layer.GetProperty("digest").GetString()!)))
            await using (var output = File.Create(temp))
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            {
                await input.CopyToAsync(gzip);
            }

            string digest;
            await using (var written = File.OpenRead(temp))
            {
                digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(written));
            }

            var size = new FileInfo(temp).Length;
            File.Move(temp, BlobPath(target, digest), overwrite: true);
            layers.Add($"{{\"mediaType\":\"{GzipLayerType}\",\"digest\":\"{digest}\",\"size\":{size}}}");
        }

        var manifestBytes = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + config.GetRawText() + ",\"layers\":[" + string.Join(',', layers) + "]}");
        var newManifestDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        await File.WriteAllBytesAsync(BlobPath(target, newManifestDigest), manifestBytes);
        await File.WriteAllTextAsync(Path.Combine(target, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        await File.WriteAllTextAsync(
            Path.Combine(target, "index.json"),
            "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + $"\"digest\":\"{newManifestDigest}\",\"size\":{manifestBytes.Length},"
            + $"\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{tag}\"}}}}]}}");
        return target;
    }

    private static string BlobPath(string layout, string digest) =>
        Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}

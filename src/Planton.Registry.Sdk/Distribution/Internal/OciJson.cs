using System.Text.Json;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>Reads and writes descriptors as the image spec lays them out in JSON.</summary>
internal static class OciJson
{
    /// <summary>Reads one descriptor; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static OciDescriptor ReadDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} is not a JSON object.");
        }

        var mediaType = ReadString(element, "mediaType", where)
            ?? throw new InvalidDataException($"{where} has no mediaType.");
        var digest = ReadString(element, "digest", where)
            ?? throw new InvalidDataException($"{where} has no digest.");
        if (!OciDigest.IsValid(digest))
        {
            throw new InvalidDataException(
                $"{where} has the digest '{Shorten(digest)}', which is not sha256 or sha512 in lower-case hex.");
        }

        if (!element.TryGetProperty("size", out var sizeElement)
            || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size)
            || size < 0)
        {
            throw new InvalidDataException($"{where} has no valid size.");
        }

        return new OciDescriptor(mediaType, digest, size)
        {
            Annotations = ReadAnnotations(element, where),
            Platform = ReadPlatform(element, where),
        };
    }

    /// <summary>Reads an optional string property; throws when it is present but not a string.</summary>
    public static string? ReadString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"{where}: '{name}' is not a string.");
    }

    public static void WriteDescriptor(Utf8JsonWriter writer, OciDescriptor descriptor)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest);
        writer.WriteNumber("size", descriptor.Size);
        if (descriptor.Platform is { } platform)
        {
            writer.WriteStartObject("platform");
            writer.WriteString("architecture", platform.Architecture);
            writer.WriteString("os", platform.Os);
            if (platform.Variant is not null)
            {
                writer.WriteString("variant", platform.Variant);
            }

            writer.WriteEndObject();
        }

        if (descriptor.Annotations is { Count: > 0 } annotations)
        {
            writer.WriteStartObject("annotations");
            foreach (var pair in annotations.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, string>? ReadAnnotations(JsonElement element, string where)
    {
        if (!element.TryGetProperty("annotations", out var annotations)
            || annotations.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (annotations.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: 'annotations' is not an object.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in annotations.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{where}: annotation '{Shorten(property.Name)}' is not a string.");
            }

            result[property.Name] = property.Value.GetString()!;
        }

        return result;
    }

    private static OciPlatform? ReadPlatform(JsonElement element, string where)
    {
        if (!element.TryGetProperty("platform", out var platform) || platform.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (platform.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: 'platform' is not an object.");
        }

        var os = ReadString(platform, "os", where) ?? string.Empty;
        var architecture = ReadString(platform, "architecture", where) ?? string.Empty;
        return new OciPlatform(os, architecture, ReadString(platform, "variant", where));
    }

    private static string Shorten(string value) => value.Length > 100 ? value[..100] + "..." : value;
}

using System.Text;
using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Checks service names and tags, and builds the object keys of the bucket layout
/// <c>{serviceName}/{tag}/manifest.json</c> and <c>{serviceName}/{tag}/files/{path}</c>.
/// </summary>
internal static partial class BundleKeys
{
    /// <summary>The name of the manifest object inside a version's prefix.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The folder of a version's files inside its prefix.</summary>
    public const string FilesFolder = "files/";

    /// <summary>The longest object key R2 accepts, in UTF-8 bytes.</summary>
    public const int MaximumKeyBytes = 1024;

    /// <summary>Throws when <paramref name="serviceName"/> is not a Worker script name.</summary>
    /// <param name="serviceName">The name to check.</param>
    /// <exception cref="RegistryConfigurationException">The name is invalid; the field is <c>Name</c>.</exception>
    public static void ValidateServiceName(string? serviceName)
    {
        if (string.IsNullOrEmpty(serviceName) || !ServiceNamePattern().IsMatch(serviceName))
        {
            throw new RegistryConfigurationException(
                "Name",
                $"'{Shorten(serviceName)}' is not a Worker script name: use 1 to 63 lowercase letters, digits, "
                + "'-' or '_'.");
        }
    }

    /// <summary>Throws when <paramref name="tag"/> does not follow the OCI tag grammar.</summary>
    /// <param name="tag">The tag to check.</param>
    /// <exception cref="RegistryConfigurationException">The tag is invalid; the field is <c>Tag</c>.</exception>
    public static void ValidateTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || !TagPattern().IsMatch(tag))
        {
            throw new RegistryConfigurationException(
                "Tag",
                $"'{Shorten(tag)}' is not a valid tag: use 1 to 128 letters, digits, '_', '.' or '-', "
                + "not starting with '.' or '-' (a commit SHA fits).");
        }
    }

    /// <summary>The prefix every object of a service shares, <c>{serviceName}/</c>.</summary>
    /// <param name="serviceName">A validated service name.</param>
    /// <returns>The prefix.</returns>
    public static string ServicePrefix(string serviceName) => serviceName + "/";

    /// <summary>The prefix every object of a version shares, <c>{serviceName}/{tag}/</c>.</summary>
    /// <param name="serviceName">A validated service name.</param>
    /// <param name="tag">A validated tag.</param>
    /// <returns>The prefix.</returns>
    public static string VersionPrefix(string serviceName, string tag) => $"{serviceName}/{tag}/";

    /// <summary>The key of a version's manifest.</summary>
    /// <param name="versionPrefix">The version's prefix.</param>
    /// <returns>The key.</returns>
    public static string ManifestKey(string versionPrefix) => versionPrefix + ManifestName;

    /// <summary>The key of one file of a version.</summary>
    /// <param name="versionPrefix">The version's prefix.</param>
    /// <param name="path">The file's relative path, forward slashes.</param>
    /// <returns>The key.</returns>
    public static string FileKey(string versionPrefix, string path) => versionPrefix + FilesFolder + path;

    /// <summary>True when the key fits R2's key length limit.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key is short enough.</returns>
    public static bool FitsKeyLimit(string key) => Encoding.UTF8.GetByteCount(key) <= MaximumKeyBytes;

    /// <summary>The URI of an object in path style, for messages; each key segment is escaped.</summary>
    /// <param name="bucketUri">The bucket's URI, ending in a slash.</param>
    /// <param name="key">The object key.</param>
    /// <returns>The object's URI.</returns>
    public static Uri ObjectUri(Uri bucketUri, string key)
    {
        ArgumentNullException.ThrowIfNull(bucketUri);
        var escaped = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return new Uri(bucketUri, escaped);
    }

    private static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length > 140 ? value[..140] + "..." : value;

    [GeneratedRegex("^[a-z0-9_-]{1,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}

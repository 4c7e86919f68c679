using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The repository name and tag grammars of the distribution spec
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests"/>).
/// Checked before a value is put into a request path.
/// </summary>
internal static partial class OciNames
{
    public const int MaxRepositoryLength = 255;

    public static void ThrowIfInvalidRepository(string repository, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository, paramName);
        if (repository.Length > MaxRepositoryLength || !RepositoryPattern().IsMatch(repository))
        {
            throw new ArgumentException(
                $"'{Shorten(repository)}' is not a valid repository name: use lower-case path components of "
                + "letters and digits separated by '.', '_', '__' or '-', joined by '/'.",
                paramName);
        }
    }

    /// <summary>True when <paramref name="repository"/> follows the repository grammar.</summary>
    public static bool IsValidRepository(string? repository) =>
        !string.IsNullOrEmpty(repository)
        && repository.Length <= MaxRepositoryLength
        && RepositoryPattern().IsMatch(repository);

    public static void ThrowIfInvalidTag(string tag, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag, paramName);
        if (!TagPattern().IsMatch(tag))
        {
            throw new ArgumentException(
                $"'{Shorten(tag)}' is not a valid tag: use 1 to 128 letters, digits, '_', '.' or '-', "
                + "not starting with '.' or '-'.",
                paramName);
        }
    }

    /// <summary>Checks a tag or a digest; returns true when it is a digest.</summary>
    public static bool ThrowIfInvalidTagOrDigest(string tagOrDigest, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tagOrDigest, paramName);
        if (tagOrDigest.Contains(':', StringComparison.Ordinal))
        {
            if (!OciDigest.IsValid(tagOrDigest))
            {
                throw new ArgumentException(
                    $"'{Shorten(tagOrDigest)}' is neither a tag nor a sha256/sha512 digest in lower-case hex.",
                    paramName);
            }

            return true;
        }

        ThrowIfInvalidTag(tagOrDigest, paramName);
        return false;
    }

    private static string Shorten(string value) => value.Length > 200 ? value[..200] + "..." : value;

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}

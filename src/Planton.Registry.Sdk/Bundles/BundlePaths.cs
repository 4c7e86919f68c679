namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Rules for the relative paths a manifest records, shared by put (what may be stored) and get (what may be
/// written), so that no manifest can make get write outside its target folder.
/// </summary>
internal static class BundlePaths
{
    private static readonly StringComparison s_fileSystemComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    /// <summary>Says what is wrong with a relative bundle path, or null when it is safe and portable.</summary>
    /// <param name="path">The path, with forward slashes.</param>
    /// <returns>The reason the path is refused, or null.</returns>
    public static string? Check(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }

        if (path[0] == '/')
        {
            return "the path is absolute";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "the path holds a backslash";
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            return "the path holds a colon (a drive or stream name)";
        }

        if (path.Any(char.IsControl))
        {
            return "the path holds a control character";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "the path has an empty segment";
            }

            if (segment is "." or "..")
            {
                return "the path has a '.' or '..' segment";
            }
        }

        return null;
    }

    /// <summary>
    /// Turns a checked relative path into a full path under <paramref name="root"/>, and refuses any result that
    /// would land outside it.
    /// </summary>
    /// <param name="root">The full path of the target folder.</param>
    /// <param name="path">A relative path that passed <see cref="Check"/>.</param>
    /// <param name="fullPath">The full path under the root.</param>
    /// <returns>True when the path stays under the root.</returns>
    public static bool TryResolveUnder(string root, string path, out string fullPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        fullPath = Path.GetFullPath(Path.Join(root, path.Replace('/', Path.DirectorySeparatorChar)));
        return fullPath.StartsWith(rootWithSeparator, s_fileSystemComparison)
            && fullPath.Length > rootWithSeparator.Length;
    }

    /// <summary>
    /// Finds a path that another path uses as a folder (such as <c>a</c> beside <c>a/b.js</c>), which no folder can
    /// hold at once.
    /// </summary>
    /// <param name="paths">The checked paths of a bundle.</param>
    /// <returns>The first path that clashes, or null.</returns>
    public static string? FindFileFolderClash(IEnumerable<string> paths)
    {
        var files = new HashSet<string>(paths, StringComparer.Ordinal);
        foreach (var path in files)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal);
                 slash > 0;
                 slash = path.IndexOf('/', slash + 1))
            {
                if (files.Contains(path[..slash]))
                {
                    return path[..slash];
                }
            }
        }

        return null;
    }
}

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Writes npm registry settings into a <c>.npmrc</c> without losing anything else in it.
/// </summary>
/// <remarks>
/// <para>
/// The writer owns, per entry, the <c>@scope:registry</c> line, the <c>registry</c> line when the entry is the default
/// registry, and the <c>_authToken</c>, <c>username</c>, <c>_password</c>, <c>_auth</c>, <c>email</c> and
/// <c>always-auth</c> lines of the entry's registry key (<c>//host/path/:</c>, the form npm looks up). Those lines are
/// replaced in place or removed; every other line (comments, blank lines, other registries and scopes, other settings)
/// keeps its bytes and position. New lines are appended. Running the same write twice leaves the file byte-identical,
/// and then the file is not touched at all. A UTF-8 byte order mark and the file's line ending are kept.
/// </para>
/// <para>
/// The file is replaced atomically (a temporary file in the same folder, then a rename) with mode 0600 on Unix; a
/// symbolic link is followed and stays a link. Concurrent writers are not serialised: the last rename wins.
/// </para>
/// </remarks>
public static class NpmrcWriter
{
    /// <summary>Merges <paramref name="entries"/> into the <c>.npmrc</c> at <paramref name="path"/>, creating it
    /// (and its folder) when missing.</summary>
    /// <param name="path">The file, such as <see cref="ToolConfigPaths.GetDefaultNpmrcPath()"/> or a project's
    /// <c>.npmrc</c>.</param>
    /// <param name="entries">The registries to write; at least one. Entries may share a registry (several scopes on
    /// <c>npm.pkg.github.com</c>) when their credentials are equal.</param>
    /// <param name="options">How to write secrets; null writes them into the file.</param>
    /// <param name="cancellationToken">Cancels the read or the write; the file is then left as it was.</param>
    /// <returns>Whether the file changed, and the placeholder variables to set when placeholders were asked
    /// for.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, <paramref name="entries"/> is empty or
    /// holds a null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="entries"/> is
    /// null.</exception>
    /// <exception cref="RegistryConfigurationException">An entry is invalid or two entries conflict; every problem is
    /// listed with its field, such as <c>entries[1].Scope</c>.</exception>
    /// <exception cref="ToolConfigFileException">The existing file is not UTF-8 text; it is left unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read or replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not accessible.</exception>
    public static async Task<ToolConfigWriteResult> WriteAsync(
        string path,
        IReadOnlyList<NpmRegistryEntry> entries,
        NpmrcWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("At least one entry is needed.", nameof(entries));
        }

        var plan = NpmrcPlan.Create(entries, options?.UseEnvironmentPlaceholders ?? false);
        var fullPath = Path.GetFullPath(path);
        var target = AtomicFileWriter.ResolveTarget(fullPath);
        var original = await AtomicFileWriter.ReadIfExistsAsync(target, cancellationToken).ConfigureAwait(false);
        var hasBom = false;
        var text = original is null ? string.Empty : ToolConfigText.DecodeUtf8(original, fullPath, out hasBom);

        var merged = ToolConfigText.EncodeUtf8(NpmrcMerger.Merge(text, plan), hasBom);
        var changed = original is null || !merged.AsSpan().SequenceEqual(original);
        if (changed)
        {
            await AtomicFileWriter.WriteAsync(target, merged, cancellationToken).ConfigureAwait(false);
        }

        return new ToolConfigWriteResult(fullPath, changed, plan.Variables);
    }
}

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Writes Maven servers and repositories into a <c>settings.xml</c> without losing anything else in it.
/// </summary>
/// <remarks>
/// <para>
/// For each entry the writer upserts a <c>&lt;server&gt;</c> by id (setting <c>username</c> and <c>password</c>, and
/// keeping any other child), and, unless the entry opts out, a <c>&lt;repository&gt;</c> with the same id in the
/// profile <see cref="MavenSettingsWriteOptions.ProfileId"/>, which it lists once in <c>&lt;activeProfiles&gt;</c>.
/// Servers and repositories that other calls wrote stay, so one call per connection accumulates. Every element,
/// comment and attribute it does not write (mirrors, proxies, other servers and profiles, <c>localRepository</c>)
/// stays with the same content, in the file's namespace, indentation and line ending. The first write may normalise
/// markup that XML treats as equal (quotes around attributes, <c>&lt;a/&gt;</c> as <c>&lt;a /&gt;</c>, line breaks
/// inside a start tag); from then on the same write leaves the file byte-identical and does not touch it.
/// </para>
/// <para>
/// The file is replaced atomically with mode 0600 on Unix, following a symbolic link. A file that is not a
/// well-formed Maven settings document is refused with <see cref="ToolConfigFileException"/> and never overwritten.
/// </para>
/// </remarks>
public static class MavenSettingsWriter
{
    /// <summary>Merges <paramref name="entries"/> into the <c>settings.xml</c> at <paramref name="path"/>, creating
    /// it (and its folder) when missing or empty.</summary>
    /// <param name="path">The file, such as <see cref="ToolConfigPaths.GetDefaultMavenSettingsPath"/> or a file
    /// passed to <c>mvn -s</c>.</param>
    /// <param name="entries">The servers to write; at least one, with unique ids.</param>
    /// <param name="options">The profile id and how to write secrets; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the read or the write; the file is then left as it was.</param>
    /// <returns>Whether the file changed, and the placeholder variables to set when placeholders were asked
    /// for.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, <paramref name="entries"/> is empty or
    /// holds a null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="entries"/> is
    /// null.</exception>
    /// <exception cref="RegistryConfigurationException">An entry or option is invalid or two entries share an id;
    /// every problem is listed with its field, such as <c>entries[0].RepositoryUrl</c>.</exception>
    /// <exception cref="ToolConfigFileException">The existing file is not a well-formed Maven settings document; it
    /// is left unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read or replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not accessible.</exception>
    public static async Task<ToolConfigWriteResult> WriteAsync(
        string path,
        IReadOnlyList<MavenServerEntry> entries,
        MavenSettingsWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("At least one entry is needed.", nameof(entries));
        }

        var plan = MavenSettingsPlan.Create(entries, options ?? new MavenSettingsWriteOptions());
        var fullPath = Path.GetFullPath(path);
        var target = AtomicFileWriter.ResolveTarget(fullPath);
        var original = await AtomicFileWriter.ReadIfExistsAsync(target, cancellationToken).ConfigureAwait(false);
        var document = original is null || IsBlank(original)
            ? MavenSettingsDocument.CreateNew()
            : MavenSettingsDocument.Parse(original, fullPath);

        document.Apply(plan);
        var merged = document.Serialize();
        var changed = original is null || !merged.AsSpan().SequenceEqual(original);
        if (changed)
        {
            await AtomicFileWriter.WriteAsync(target, merged, cancellationToken).ConfigureAwait(false);
        }

        return new ToolConfigWriteResult(fullPath, changed, plan.Variables);
    }

    private static bool IsBlank(byte[] bytes)
    {
        var body = ToolConfigText.HasUtf8Bom(bytes) ? bytes.AsSpan(3) : bytes.AsSpan();
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Reads and replaces tool configuration files without a window in which a reader sees half a file or another user
/// can read a secret: the new bytes go to a temporary file in the same folder, created mode 0600 on Unix, which is
/// then renamed over the target.
/// </summary>
internal static class AtomicFileWriter
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The file to read and replace: the full path, or the final target when it is a symbolic link, so
    /// that a link (a dotfiles checkout, say) stays a link.</summary>
    /// <exception cref="ToolConfigFileException">The path (or the link's final target) is a folder.</exception>
    public static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        var target = info.LinkTarget is null
            ? full
            : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        ThrowIfDirectory(target);
        return target;
    }

    /// <summary>The file's bytes, or null when it does not exist.</summary>
    public static async Task<byte[]?> ReadIfExistsAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Refuses a path that names a folder, before anything is read or written.</summary>
    /// <exception cref="ToolConfigFileException">The path is a folder.</exception>
    public static void ThrowIfDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ToolConfigFileException(path, "is a folder; give the path of the file to write in it.");
        }
    }

    /// <summary>Replaces <paramref name="target"/> with <paramref name="content"/>, creating its folder if
    /// needed.</summary>
    public static async Task WriteAsync(string target, byte[] content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(target)
            ?? throw new ArgumentException("The path has no folder.", nameof(target));
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The create mode is filtered by the umask; set it exactly.
                File.SetUnixFileMode(temporary, OwnerReadWrite);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

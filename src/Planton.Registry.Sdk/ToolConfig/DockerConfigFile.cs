namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Reads and replaces a docker <c>config.json</c> under an exclusive lock, so that two processes logging in at once
/// lose no entry: the lock is <c>config.json.lock</c> beside the file, opened with <see cref="FileShare.None"/>
/// (an <c>flock</c> on Unix), retried until <see cref="LockTimeout"/>. The new bytes go to a temporary file in the
/// same folder, mode 0600, which is renamed over the target. A symbolic link is followed and stays a link.
/// </summary>
internal static class DockerConfigFile
{
    /// <summary>How long to wait for another process's lock.</summary>
    public static readonly TimeSpan LockTimeout = ExclusiveFileLock.Timeout;

    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Runs read, <paramref name="update"/> and write while holding the lock.</summary>
    /// <param name="path">The config file.</param>
    /// <param name="update">Given the current bytes (null when there is no file), gives the new ones.</param>
    /// <param name="timeProvider">The clock for the lock's retry delays.</param>
    /// <param name="cancellationToken">Cancels the wait or the write; the file is then left as it was.</param>
    /// <returns>True when the file was written; false when the update gave the same bytes.</returns>
    public static async Task<bool> UpdateAsync(
        string path, Func<byte[]?, byte[]> update, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var target = AtomicFileWriter.ResolveTarget(path);
        var folder = Path.GetDirectoryName(target)
            ?? throw new ArgumentException("The path has no folder.", nameof(path));
        CreateFolder(folder);
        using var fileLock = await ExclusiveFileLock.AcquireAsync(target + ".lock", timeProvider, cancellationToken)
            .ConfigureAwait(false);
        byte[]? original = null;
        if (File.Exists(target))
        {
            original = await File.ReadAllBytesAsync(target, cancellationToken).ConfigureAwait(false);
        }

        var updated = update(original);
        if (original is not null && updated.AsSpan().SequenceEqual(original))
        {
            return false;
        }

        await AtomicFileWriter.WriteAsync(target, updated, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerAll);
        }
    }
}

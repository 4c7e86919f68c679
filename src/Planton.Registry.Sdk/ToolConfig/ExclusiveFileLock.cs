namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// A lock file shared by processes that read, change and replace the same file: opened with
/// <see cref="FileShare.None"/> (an <c>flock</c> on Unix, which also excludes other handles in the same process),
/// retried with a short backoff until <see cref="Timeout"/>. Disposing the returned stream releases the lock.
/// </summary>
internal static class ExclusiveFileLock
{
    /// <summary>How long to wait for another holder of the lock.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan s_longestDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Opens <paramref name="lockPath"/> exclusively, waiting while another handle holds it.</summary>
    /// <exception cref="IOException">The lock is still held after <see cref="Timeout"/>.</exception>
    public static async Task<FileStream> AcquireAsync(
        string lockPath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        var deadline = timeProvider.GetUtcNow() + Timeout;
        var delay = s_firstDelay;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (timeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                delay = delay < s_longestDelay ? delay * 2 : delay;
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"Another process has held the lock {lockPath} for more than {Timeout.TotalSeconds:0} seconds.",
                    e);
            }
        }
    }
}

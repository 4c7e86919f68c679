namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// An OCI image layout directory is missing, incomplete or corrupt: no <c>oci-layout</c> or <c>index.json</c>,
/// an unsupported layout version, unreadable JSON, or a blob that is missing or does not match its descriptor
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md"/>).
/// </summary>
public sealed class OciLayoutException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="layoutDirectory">The layout directory at fault.</param>
    /// <param name="path">The file at fault, relative to the layout directory, or null for the whole layout.</param>
    /// <param name="reason">What is wrong and, where possible, what would be valid.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    public OciLayoutException(string layoutDirectory, string? path, string reason, Exception? innerException = null)
        : base(BuildMessage(layoutDirectory, path, reason), innerException)
    {
        LayoutDirectory = layoutDirectory;
        Path = path;
        Reason = reason;
    }

    /// <summary>The layout directory at fault.</summary>
    public string LayoutDirectory { get; }

    /// <summary>The file at fault, relative to <see cref="LayoutDirectory"/>, or null.</summary>
    public string? Path { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string BuildMessage(string layoutDirectory, string? path, string reason) =>
        path is null
            ? $"The OCI image layout '{layoutDirectory}' is invalid: {reason}"
            : $"The OCI image layout '{layoutDirectory}' is invalid at '{path}': {reason}";
}

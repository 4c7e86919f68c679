namespace Planton.Registry.Sdk;

/// <summary>
/// An existing tool configuration file (<c>.npmrc</c>, Maven <c>settings.xml</c>) cannot be merged safely, so it was
/// left exactly as it was. The caller fixes or moves the file; retrying will not help. The command line maps it to
/// exit code 2.
/// </summary>
public sealed class ToolConfigFileException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file that was refused.</param>
    /// <param name="reason">What is wrong with it, as a sentence; never a value read from the file.</param>
    public ToolConfigFileException(string path, string reason)
        : base($"Cannot update '{path}': {reason} The file was left unchanged.")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file that was refused.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the file, without the path.</summary>
    public string Reason { get; }
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// What <see cref="NpmrcWriter"/> or <see cref="MavenSettingsWriter"/> did to a file, and which environment
/// variables the caller must set when the file refers to them instead of holding secrets.
/// </summary>
public sealed class ToolConfigWriteResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="path">The full path of the file that was written or found up to date.</param>
    /// <param name="changed">True when the file was written; false when it already held exactly these settings.</param>
    /// <param name="environmentVariables">
    /// The variables the written placeholders refer to, by name, with the values to give them; empty when the file
    /// holds the secrets itself.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or
    /// <paramref name="environmentVariables"/> is null.</exception>
    public ToolConfigWriteResult(string path, bool changed, IReadOnlyDictionary<string, Secret> environmentVariables)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(environmentVariables);
        Path = path;
        Changed = changed;
        EnvironmentVariables = environmentVariables;
    }

    /// <summary>The full path of the file (the path given, not the target of a symbolic link).</summary>
    public string Path { get; }

    /// <summary>True when the file was written; false when its bytes already were the merged result.</summary>
    public bool Changed { get; }

    /// <summary>
    /// The environment variables that the placeholders in the file refer to, with the values the tool needs. Set them
    /// in the environment of the tool (npm or mvn); never write them to a log. Empty unless placeholders were
    /// asked for.
    /// </summary>
    public IReadOnlyDictionary<string, Secret> EnvironmentVariables { get; }

    /// <summary>Describes the result with variable names only; never a value.</summary>
    /// <returns>The path, whether it changed, and the names of the variables to set.</returns>
    public override string ToString()
    {
        var state = Changed ? "written" : "unchanged";
        return EnvironmentVariables.Count == 0
            ? $"{Path} ({state})"
            : $"{Path} ({state}; set {string.Join(", ", EnvironmentVariables.Keys)})";
    }
}

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>What <see cref="DockerConfigWriter"/> did to a docker <c>config.json</c>.</summary>
public sealed class DockerConfigWriteResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="path">The full path of the file.</param>
    /// <param name="changed">True when the file was written; false when it already held exactly these entries.</param>
    /// <param name="hosts">The hosts whose <c>auths</c> entries were written.</param>
    /// <param name="warnings">What would keep docker from reading the entries (a <c>credsStore</c>, another
    /// helper).</param>
    public DockerConfigWriteResult(
        string path, bool changed, IReadOnlyList<string> hosts, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(warnings);
        Path = path;
        Changed = changed;
        Hosts = hosts;
        Warnings = warnings;
    }

    /// <summary>The full path of the file (the path given, not the target of a symbolic link).</summary>
    public string Path { get; }

    /// <summary>True when the file was written.</summary>
    public bool Changed { get; }

    /// <summary>The hosts whose entries were merged.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>
    /// Settings of the file that make docker ask a credential helper instead of reading <c>auths</c> for a host; empty
    /// when docker will read the entries.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Describes the result; holds no secret.</summary>
    /// <returns>The path, whether it changed, and the hosts.</returns>
    public override string ToString() => $"{Path} ({(Changed ? "written" : "unchanged")}: {string.Join(", ", Hosts)})";
}

using System.Text.Json;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// Merges registry credentials into a docker <c>config.json</c> (read by docker, podman, skopeo, buildah, crane and
/// kaniko) without losing anything else in it.
/// </summary>
/// <remarks>
/// <para>
/// Each entry becomes <c>auths["host"] = {"auth": base64(user:password)}</c> (plus <c>identitytoken</c> for identity
/// tokens). Only the replaced entries' values, or the point where new entries go, are rewritten; every other byte
/// stays: other hosts, <c>credsStore</c>, <c>credHelpers</c>, unknown keys, order, indentation and escapes. Other
/// keys that docker reads as the same host (<c>https://host</c>, <c>http://host/v2/</c>, <c>host/</c>) are removed
/// (or the first renamed to the bare host), since docker would use one of them unpredictably; Docker Hub's
/// <c>https://index.docker.io/v1/</c> is kept.
/// </para>
/// <para>
/// The file is replaced atomically (temporary file in the same folder, then a rename), mode 0600, while an exclusive
/// lock on <c>config.json.lock</c> is held, so that concurrent logins in several processes all keep their entries.
/// </para>
/// </remarks>
public static class DockerConfigWriter
{
    /// <summary>The credential-helper name of this SDK, as <c>credHelpers</c> values name helpers.</summary>
    public const string HelperName = "planton";

    /// <summary>The <c>config.json</c> docker reads: <c>$DOCKER_CONFIG/config.json</c>, else
    /// <c>~/.docker/config.json</c>.</summary>
    /// <returns>A full path.</returns>
    /// <exception cref="InvalidOperationException">Neither <c>DOCKER_CONFIG</c> nor a home folder is known.</exception>
    public static string GetDefaultPath() =>
        GetDefaultPath(
            Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Merges <paramref name="entries"/> into the file at <paramref name="path"/>, creating it when
    /// missing.</summary>
    /// <param name="path">The file, such as <see cref="GetDefaultPath()"/>.</param>
    /// <param name="entries">The entries; at least one, each host once.</param>
    /// <param name="cancellationToken">Cancels the lock wait or the write; the file is then left as it was.</param>
    /// <returns>Whether the file changed, the hosts written and what may keep docker from reading them.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="entries"/> is empty or
    /// repeats a host.</exception>
    /// <exception cref="RegistryConfigurationException">The existing file is not a JSON object; it is left
    /// unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read or replaced, or another process holds its lock too
    /// long.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not accessible.</exception>
    public static Task<DockerConfigWriteResult> WriteAsync(
        string path, IReadOnlyList<DockerConfigAuth> entries, CancellationToken cancellationToken = default) =>
        WriteAsync(path, entries, TimeProvider.System, cancellationToken);

    internal static string GetDefaultPath(Func<string, string?> environment, string? home)
    {
        var configured = environment("DOCKER_CONFIG");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(Path.Combine(configured, "config.json"));
        }

        return string.IsNullOrEmpty(home)
            ? throw new InvalidOperationException("No docker config folder is known (set DOCKER_CONFIG or HOME).")
            : Path.Combine(home, ".docker", "config.json");
    }

    internal static async Task<DockerConfigWriteResult> WriteAsync(
        string path,
        IReadOnlyList<DockerConfigAuth> entries,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (entries.Count == 0 || entries.Any(e => e is null))
        {
            throw new ArgumentException("At least one entry is needed, and none may be null.", nameof(entries));
        }

        if (entries.Select(e => e.Host).Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            throw new ArgumentException("Each host may appear once.", nameof(entries));
        }

        var fullPath = Path.GetFullPath(path);
        byte[]? written = null;
        bool changed;
        try
        {
            changed = await DockerConfigFile.UpdateAsync(
                fullPath,
                original => written = DockerConfigMerger.Merge(original, entries),
                timeProvider,
                cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new RegistryConfigurationException(
                "--docker-config",
                $"The docker config '{fullPath}' cannot be merged: {e.Message} It was left unchanged; fix or move it.");
        }

        var hosts = entries.Select(e => e.Host).ToList();
        return new DockerConfigWriteResult(fullPath, changed, hosts, Warnings(written!, hosts));
    }

    /// <summary>Settings that make docker ask a helper for one of <paramref name="hosts"/> instead of reading
    /// <c>auths</c>.</summary>
    internal static List<string> Warnings(byte[] config, IReadOnlyList<string> hosts)
    {
        var warnings = new List<string>();
        using var document = JsonDocument.Parse(config);
        var root = document.RootElement;
        if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
        {
            foreach (var host in hosts)
            {
                if (helpers.TryGetProperty(host, out var helper) && helper.ValueKind == JsonValueKind.String
                    && helper.GetString() is { Length: > 0 } name && name != HelperName)
                {
                    warnings.Add($"credHelpers names docker-credential-{name} for {host}; docker asks it instead of "
                        + "reading the auths entry.");
                }
            }
        }

        if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String
            && store.GetString() is { Length: > 0 } storeName && storeName != HelperName)
        {
            warnings.Add($"credsStore names docker-credential-{storeName}; docker asks it for hosts without a "
                + "credHelpers entry instead of reading auths.");
        }

        return warnings;
    }
}

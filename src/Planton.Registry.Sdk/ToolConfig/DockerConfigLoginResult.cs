namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>What <see cref="IDockerConfigLogin"/> stored; holds no secret.</summary>
public sealed class DockerConfigLoginResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="write">What the writer did.</param>
    /// <param name="username">The user name stored.</param>
    /// <param name="expiresOn">When the stored credential expires; null when it does not.</param>
    public DockerConfigLoginResult(DockerConfigWriteResult write, string username, DateTimeOffset? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(username);
        Write = write;
        Username = username;
        ExpiresOn = expiresOn;
    }

    /// <summary>The file, whether it changed, the hosts written and any warnings.</summary>
    public DockerConfigWriteResult Write { get; }

    /// <summary>The registry hosts logged in: the connection's host first.</summary>
    public IReadOnlyList<string> Hosts => Write.Hosts;

    /// <summary>The user name stored.</summary>
    public string Username { get; }

    /// <summary>When the stored credential expires; null when it does not.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>Describes the login; holds no secret.</summary>
    /// <returns>The hosts, user, expiry and file.</returns>
    public override string ToString() =>
        $"{string.Join(", ", Hosts)} as {Username} (expires {ExpiresOn?.ToString("O") ?? "never"}) in {Write.Path}";
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// One Maven repository to write into <c>settings.xml</c>, independent of any provider: a <c>&lt;server&gt;</c>
/// with the credentials and, by default, a <c>&lt;repository&gt;</c> with the same id in the writer's profile. Write
/// one entry per repository URL (a release and a snapshot repository are two entries). Safe to log: the password
/// prints as <c>***</c>.
/// </summary>
/// <param name="Id">The server id, which a <c>pom.xml</c>'s <c>distributionManagement</c> or
/// <c>-DrepositoryId</c> names to deploy; the connection's name. No white space or control characters.</param>
/// <param name="Username">The user name the repository expects (<c>oauth2accesstoken</c> or
/// <c>_json_key_base64</c> for GAR, the GitHub user, the JFrog user).</param>
/// <param name="Password">The password or token.</param>
/// <param name="RepositoryUrl">The repository URL, <c>http</c> or <c>https</c>, without user info, query or
/// fragment; written as given.</param>
public sealed record MavenServerEntry(string Id, string Username, Secret Password, Uri RepositoryUrl)
{
    /// <summary>Whether Maven resolves release versions from the repository. Default true.</summary>
    public bool Releases { get; init; } = true;

    /// <summary>Whether Maven resolves <c>-SNAPSHOT</c> versions from the repository. Default true.</summary>
    public bool Snapshots { get; init; } = true;

    /// <summary>Adds the repository to the profile's <c>&lt;repositories&gt;</c>, so that builds resolve
    /// dependencies from it. False writes only the server (deploy-only credentials). Default true.</summary>
    public bool IncludeRepository { get; init; } = true;

    /// <summary>Also adds it to <c>&lt;pluginRepositories&gt;</c>. Default false: otherwise Maven asks this
    /// repository for every build plugin before Maven Central.</summary>
    public bool IncludePluginRepository { get; init; }

    /// <summary>
    /// Adds the server <c>&lt;configuration&gt;</c> GAR's <c>gcloud artifacts print-settings mvn</c> template carries:
    /// pre-emptive authentication for GET and HEAD, and <c>http.protocol.expect-continue=false</c> for PUT. It applies
    /// to Maven's Wagon HTTP transport (Maven 3.8 and older, or 3.9 with <c>-Dmaven.resolver.transport=wagon</c>).
    /// Existing configuration of the server is kept. Default false.
    /// </summary>
    public bool PreemptiveAuthentication { get; init; }

    /// <summary>The environment variable that holds the password when placeholders are asked for; null derives
    /// <c>MAVEN_PASSWORD_&lt;ID&gt;</c>. Must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public string? PasswordVariable { get; init; }

    /// <summary>The environment variable that holds the user name when
    /// <see cref="MavenSettingsWriteOptions.UseUsernamePlaceholders"/> is set; null derives
    /// <c>MAVEN_USERNAME_&lt;ID&gt;</c>.</summary>
    public string? UsernameVariable { get; init; }
}

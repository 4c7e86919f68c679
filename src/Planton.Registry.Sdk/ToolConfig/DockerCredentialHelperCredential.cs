using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>What the credential helper's <c>get</c> answers: <c>ServerURL</c>, <c>Username</c>,
/// <c>Secret</c>.</summary>
public sealed class DockerCredentialHelperCredential
{
    /// <summary>Creates the answer.</summary>
    /// <param name="serverUrl">The server URL as docker sent it.</param>
    /// <param name="username">The user name.</param>
    /// <param name="secret">The password or token.</param>
    /// <param name="expiresOn">When the secret expires; null when it does not.</param>
    public DockerCredentialHelperCredential(string serverUrl, string username, Secret secret, DateTimeOffset? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(secret);
        ServerUrl = serverUrl;
        Username = username;
        Secret = secret;
        ExpiresOn = expiresOn;
    }

    /// <summary>The server URL as docker sent it (trimmed).</summary>
    public string ServerUrl { get; }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password or token; printed to docker by the helper and nowhere else.</summary>
    public Secret Secret { get; }

    /// <summary>When the secret expires; null when it does not.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>Shows the server and user; never the secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{ServerUrl}: {Username}:***";
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// One <c>auths</c> entry of a docker <c>config.json</c>: a registry host and the credential to store for it. The
/// entry is written as <c>{"auth": base64(user:password)}</c>; an identity token (an ACR refresh token) is written
/// both as that password and as <c>identitytoken</c>, so that clients facing a Bearer challenge use the OAuth2
/// <c>refresh_token</c> grant and clients facing a Basic challenge send it as the password.
/// </summary>
public sealed class DockerConfigAuth
{
    /// <summary>Creates an entry.</summary>
    /// <param name="host">The registry host with its port, as docker keys it (<c>ghcr.io</c>,
    /// <c>127.0.0.1:5001</c>).</param>
    /// <param name="credential">The credential to store.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty or holds a scheme, path or white
    /// space.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DockerConfigAuth(string host, RegistryCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(credential);
        if (host.Contains('/', StringComparison.Ordinal) || host.Any(char.IsWhiteSpace) || host.Any(char.IsControl))
        {
            throw new ArgumentException(
                "The host must be a registry host with an optional port, without scheme or path.", nameof(host));
        }

        Host = host;
        Credential = credential;
    }

    /// <summary>The registry host, the key of the <c>auths</c> entry.</summary>
    public string Host { get; }

    /// <summary>The credential.</summary>
    public RegistryCredential Credential { get; }

    /// <summary>Shows the host and the credential's user; never the secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{Host}: {Credential}";
}

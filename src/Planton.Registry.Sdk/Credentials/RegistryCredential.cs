using System.Diagnostics;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// What a registry accepts as login: a user name and a secret, and when the secret stops working.
/// Safe to log: <see cref="ToString"/> shows the user name and expiry, never the secret.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class RegistryCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="username">The user name the registry expects (for example <c>AWS</c> or
    /// <c>oauth2accesstoken</c>).</param>
    /// <param name="password">The password or token.</param>
    /// <param name="expiresOn">When the secret stops working; null when it does not expire.</param>
    /// <param name="isIdentityToken">
    /// True when <paramref name="password"/> is a refresh or identity token to trade at the registry's token
    /// service (OAuth2 <c>refresh_token</c> grant) rather than a password for Basic authentication.
    /// </param>
    public RegistryCredential(
        string username,
        Secret password,
        DateTimeOffset? expiresOn = null,
        bool isIdentityToken = false)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        Username = username;
        Password = password;
        ExpiresOn = expiresOn;
        IsIdentityToken = isIdentityToken;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password or token.</summary>
    public Secret Password { get; }

    /// <summary>When the secret stops working, or null when it does not expire.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>True when <see cref="Password"/> is a refresh or identity token.</summary>
    public bool IsIdentityToken { get; }

    /// <summary>Shows the user name and expiry; never the secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() =>
        ExpiresOn is { } expires ? $"{Username}:*** (expires {expires:O})" : $"{Username}:***";
}

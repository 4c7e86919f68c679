using System.Diagnostics;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// The credential an <see cref="NpmRegistryEntry"/> gives npm for its registry. Create it with <see cref="Token"/>,
/// <see cref="UsernamePassword"/>, <see cref="Basic"/> or <see cref="None"/>. Its <see cref="ToString"/> never shows
/// the secret.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class NpmAuth : IEquatable<NpmAuth>
{
    private NpmAuth(NpmAuthKind kind, string? username, Secret? secret, string? email)
    {
        Kind = kind;
        Username = username;
        Secret = secret;
        Email = email;
    }

    /// <summary>No credential: the file keeps whatever credential lines it has for the registry.</summary>
    public static NpmAuth None { get; } = new(NpmAuthKind.None, null, null, null);

    /// <summary>Which lines this credential writes.</summary>
    public NpmAuthKind Kind { get; }

    /// <summary>The user name for <see cref="NpmAuthKind.UsernamePassword"/> and <see cref="NpmAuthKind.Basic"/>;
    /// otherwise null.</summary>
    public string? Username { get; }

    /// <summary>The e-mail line some registries' templates carry (GAR's writes <c>not.valid@email.com</c>); null
    /// writes none.</summary>
    public string? Email { get; }

    /// <summary>The token or password; null for <see cref="NpmAuthKind.None"/>.</summary>
    internal Secret? Secret { get; }

    /// <summary>A bearer token, written as <c>//host/path/:_authToken=</c>. GitHub Packages, GAR access tokens and
    /// JFrog access tokens use it.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public static NpmAuth Token(Secret token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new NpmAuth(NpmAuthKind.Token, null, token, null);
    }

    /// <summary>
    /// A user name and password, written as <c>:username=</c> and <c>:_password=</c>. npm base64-decodes
    /// <c>_password</c>, so the writer stores the base64 of <paramref name="password"/>. For GAR's
    /// <c>_json_key_base64</c> user, pass the base64 key itself as the password: the file then holds it base64-encoded
    /// twice, as npm expects.
    /// </summary>
    /// <param name="username">The user name, such as <c>_json_key_base64</c>.</param>
    /// <param name="password">The password, exactly as the registry expects it.</param>
    /// <param name="email">An optional <c>:email=</c> line; null writes none.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException"><paramref name="username"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    public static NpmAuth UsernamePassword(string username, Secret password, string? email = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        return new NpmAuth(NpmAuthKind.UsernamePassword, username, password, email);
    }

    /// <summary>Basic credentials in one <c>:_auth=</c> line holding base64 of <c>username:password</c>.</summary>
    /// <param name="username">The user name; it must not contain a colon.</param>
    /// <param name="password">The password.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException"><paramref name="username"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    public static NpmAuth Basic(string username, Secret password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        return new NpmAuth(NpmAuthKind.Basic, username, password, null);
    }

    /// <inheritdoc />
    public bool Equals(NpmAuth? other) =>
        other is not null
        && Kind == other.Kind
        && string.Equals(Username, other.Username, StringComparison.Ordinal)
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && Equals(Secret, other.Secret);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NpmAuth other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Username, Email, Secret);

    /// <summary>Shows the kind and user name; never the secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => Kind switch
    {
        NpmAuthKind.None => "None",
        NpmAuthKind.Token => "Token ***",
        _ => $"{Kind} {Username}:***",
    };
}

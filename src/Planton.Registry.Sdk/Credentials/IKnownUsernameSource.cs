namespace Planton.Registry.Sdk.Credentials;

/// <summary>A credential source that knows its user name without an exchange (for the credential helper's
/// <c>list</c>).</summary>
internal interface IKnownUsernameSource
{
    /// <summary>The user name every credential of this source carries, or null when it has none (anonymous).</summary>
    string? KnownUsername { get; }
}

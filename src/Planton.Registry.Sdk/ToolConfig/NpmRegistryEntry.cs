namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// One npm registry to write into <c>.npmrc</c>, independent of any provider: where it is, which scope resolves
/// there, and how npm authenticates. Safe to log: the credential prints as <c>***</c>.
/// </summary>
/// <param name="RegistryUrl">
/// The registry URL, <c>http</c> or <c>https</c>, without user info, query or fragment, for example
/// <c>https://npm.pkg.github.com</c> or <c>https://us-npm.pkg.dev/proj/repo/</c>. A missing trailing slash is added,
/// because npm drops the last path segment of a URL that does not end in one.
/// </param>
/// <param name="Scope">
/// The package scope routed to the registry (<c>@owner</c> or <c>owner</c>; lower-cased), or null to route no scope
/// and write only the credential lines.
/// </param>
/// <param name="Auth">The credential; <see cref="NpmAuth.None"/> writes none.</param>
/// <param name="AlwaysAuth">
/// Writes <c>//host/path/:always-auth=true</c>, which GAR's templates carry for npm 8 and older. npm 9 and later
/// ignore it and print an "Unknown user config" warning.
/// </param>
public sealed record NpmRegistryEntry(Uri RegistryUrl, string? Scope, NpmAuth Auth, bool AlwaysAuth)
{
    /// <summary>
    /// Also writes <c>registry=URL</c>, making this the registry for unscoped packages (a JFrog virtual repository
    /// that proxies the public registry, for example). At most one entry per call may set it. Default false.
    /// </summary>
    public bool IsDefaultRegistry { get; init; }

    /// <summary>
    /// The environment variable that holds the secret when placeholders are asked for
    /// (<see cref="NpmrcWriteOptions.UseEnvironmentPlaceholders"/>). Null derives one: <c>NPM_TOKEN_&lt;SCOPE&gt;</c>,
    /// <c>NPM_PASSWORD_&lt;SCOPE&gt;</c> or <c>NPM_AUTH_&lt;SCOPE&gt;</c> by credential kind, or the registry host and
    /// path instead of the scope when the entry has none. Must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.
    /// </summary>
    public string? VariableName { get; init; }
}

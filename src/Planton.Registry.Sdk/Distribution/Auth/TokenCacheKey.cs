namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// What a cached token is good for: one registry, one token service and service name, one scope set, and one
/// identity. <see cref="Identity"/> is the user name and a SHA-256 of the secret, so that two connections with
/// different secrets for the same registry never share a token; it is never logged.
/// </summary>
internal readonly record struct TokenCacheKey(
    string Registry, string Realm, string Service, string Scope, string Identity)
{
    /// <summary>Shows the parts that may be logged, without the identity.</summary>
    public override string ToString() => $"{Registry} {Service} {Scope}";
}

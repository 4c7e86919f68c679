namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// A connection's credentials minted by a cloud token exchange and kept in <see cref="RegistryCredentialCache"/>;
/// the same credential serves every scope of the registry.
/// </summary>
internal sealed class ExchangingCredentialSource : IRegistryCredentialSource, IKnownUsernameSource
{
    private readonly RegistryCredentialCache _cache;
    private readonly Func<CancellationToken, Task<ExchangedCredential>> _exchange;

    public ExchangingCredentialSource(
        RegistryCredentialCache cache,
        CredentialCacheKey key,
        string username,
        Func<CancellationToken, Task<ExchangedCredential>> exchange)
    {
        _cache = cache;
        Key = key;
        KnownUsername = username;
        _exchange = exchange;
    }

    /// <summary>The cache key: the connection's identity, for the whole registry.</summary>
    public CredentialCacheKey Key { get; }

    public string? KnownUsername { get; }

    public async ValueTask<RegistryCredential?> GetCredentialAsync(
        RegistryScope scope, CancellationToken cancellationToken = default) =>
        (await GetExchangedAsync(cancellationToken).ConfigureAwait(false)).Credential;

    /// <summary>Gets the credential with the endpoint the token service named.</summary>
    public ValueTask<ExchangedCredential> GetExchangedAsync(CancellationToken cancellationToken = default) =>
        _cache.GetAsync(Key, _exchange, cancellationToken);

    /// <summary>Shows the provider and identity; never a secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => Key.ToString();
}

using System.Collections.Concurrent;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Bearer tokens per <see cref="TokenCacheKey"/>, kept until shortly before they expire by the injected
/// <see cref="TimeProvider"/>. Concurrent requests for the same key wait for one fetch instead of each fetching.
/// </summary>
internal sealed class RegistryTokenCache
{
    /// <summary>
    /// A token is dropped this long before its expiry, or at a quarter of its life when that is shorter.
    /// </summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<TokenCacheKey, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<TokenCacheKey, SemaphoreSlim> _gates = new();
    private readonly TimeProvider _timeProvider;

    public RegistryTokenCache(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gives the cached token for <paramref name="key"/> while it is fresh.</summary>
    public Secret? TryGet(TokenCacheKey key) =>
        _tokens.TryGetValue(key, out var cached) && _timeProvider.GetUtcNow() < cached.RefreshAt ? cached.Token : null;

    /// <summary>
    /// Gives a fresh token for <paramref name="key"/>, fetching one when there is none, or when the cached one is
    /// <paramref name="rejected"/> (a token the registry just refused).
    /// </summary>
    public async Task<Secret> GetOrFetchAsync(
        TokenCacheKey key,
        Secret? rejected,
        Func<CancellationToken, Task<(Secret Token, TimeSpan Lifetime)>> fetchAsync,
        CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cached = TryGet(key);
            if (cached is not null && !cached.Equals(rejected))
            {
                return cached;
            }

            _tokens.TryRemove(key, out _);
            var (token, lifetime) = await fetchAsync(cancellationToken).ConfigureAwait(false);
            var margin = lifetime / 4 < ExpiryMargin ? lifetime / 4 : ExpiryMargin;
            _tokens[key] = new CachedToken(token, _timeProvider.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The moment the token for <paramref name="key"/> stops being handed out, for logging.</summary>
    public DateTimeOffset? RefreshAt(TokenCacheKey key) =>
        _tokens.TryGetValue(key, out var cached) ? cached.RefreshAt : null;
}

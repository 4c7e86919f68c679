using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// Keeps exchanged credentials per <see cref="CredentialCacheKey"/> and refreshes them ahead of expiry. Rules:
/// <list type="bullet">
/// <item>a credential is refreshed once 80% of its lifetime has passed or 5 minutes before it expires, whichever
/// comes first, but never sooner than 30 seconds (or half its lifetime) after it was obtained;</item>
/// <item>single flight: however many callers ask at once, one exchange runs per key, and all of them get its
/// result or its exception;</item>
/// <item>an expired credential is never handed out: when a refresh fails, the cached credential is served only while
/// it is still valid, otherwise the exchange's exception reaches the caller;</item>
/// <item>failures are not cached: the next caller tries again.</item>
/// </list>
/// Time comes only from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RegistryCredentialCache
{
    /// <summary>The share of the lifetime after which a credential is refreshed.</summary>
    public const double RefreshShare = 0.8;

    /// <summary>The latest point to refresh, before expiry.</summary>
    public static readonly TimeSpan MaximumMargin = TimeSpan.FromMinutes(5);

    /// <summary>The shortest use of a credential before it is refreshed.</summary>
    public static readonly TimeSpan MinimumUse = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<CredentialCacheKey, Slot> _slots = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RegistryCredentialCache> _logger;

    public RegistryCredentialCache(TimeProvider timeProvider, ILogger<RegistryCredentialCache> logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>When a credential obtained at <paramref name="obtained"/> that expires at <paramref name="expires"/>
    /// is refreshed.</summary>
    public static DateTimeOffset RefreshTime(DateTimeOffset obtained, DateTimeOffset expires)
    {
        var lifetime = expires - obtained;
        if (lifetime <= TimeSpan.Zero)
        {
            return obtained;
        }

        var margin = lifetime * (1 - RefreshShare);
        var refresh = expires - (margin > MaximumMargin ? margin : MaximumMargin);
        var halfLife = lifetime / 2;
        var earliest = obtained + (halfLife < MinimumUse ? halfLife : MinimumUse);
        return refresh < earliest ? earliest : refresh;
    }

    /// <summary>Gets the cached credential of <paramref name="key"/>, exchanging for a new one when it is
    /// due.</summary>
    /// <param name="key">The connection identity and scope.</param>
    /// <param name="exchange">Mints a new credential; runs once per refresh, however many callers wait.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the exchange itself runs on for the others.</param>
    /// <returns>A credential that has not expired.</returns>
    /// <exception cref="RegistryAuthenticationException">
    /// The exchange was refused, or it handed back a credential that had already expired.
    /// </exception>
    /// <exception cref="RegistryException">The exchange failed otherwise and no valid credential is cached.</exception>
    public async ValueTask<ExchangedCredential> GetAsync(
        CredentialCacheKey key,
        Func<CancellationToken, Task<ExchangedCredential>> exchange,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        TaskCompletionSource<ExchangedCredential>? started = null;
        Task<ExchangedCredential> pending;
        lock (slot)
        {
            if (slot.Current is { } current && _timeProvider.GetUtcNow() < slot.RefreshAt)
            {
                return current;
            }

            if (slot.Pending is null)
            {
                started = new TaskCompletionSource<ExchangedCredential>(
                    TaskCreationOptions.RunContinuationsAsynchronously);
                slot.Pending = started.Task;
            }

            pending = slot.Pending;
        }

        if (started is not null)
        {
            _ = RunExchangeAsync(key, slot, exchange, started);
        }

        try
        {
            return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lock (slot)
            {
                if (slot.Current is { } current && IsValid(current.Credential, _timeProvider.GetUtcNow()))
                {
                    if (started is not null)
                    {
                        CredentialLog.RefreshFailedServingCached(
                            _logger, key.Provider, key.Identity, current.Credential.ExpiresOn!.Value, e);
                    }

                    return current;
                }
            }

            throw;
        }
    }

    private static bool IsValid(RegistryCredential credential, DateTimeOffset now) =>
        credential.ExpiresOn is not { } expires || now < expires;

    private async Task RunExchangeAsync(
        CredentialCacheKey key,
        Slot slot,
        Func<CancellationToken, Task<ExchangedCredential>> exchange,
        TaskCompletionSource<ExchangedCredential> completion)
    {
        try
        {
            CredentialLog.ExchangeStarted(_logger, key.Provider, key.Identity, key.Scope);
            var result = await exchange(CancellationToken.None).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            var credential = result.Credential;
            if (!IsValid(credential, now))
            {
                throw new RegistryAuthenticationException(
                    $"The {key.Provider} token service handed back a credential that expired at "
                    + $"{credential.ExpiresOn:O}, before it arrived ({now:O}); check the machine's clock.");
            }

            var refreshAt = credential.ExpiresOn is { } expires ? RefreshTime(now, expires) : DateTimeOffset.MaxValue;
            lock (slot)
            {
                slot.Current = result;
                slot.RefreshAt = refreshAt;
                slot.Pending = null;
            }

            CredentialLog.ExchangeCompleted(
                _logger, key.Provider, key.Identity, credential.Username, credential.ExpiresOn);
            CredentialLog.Cached(_logger, key.Provider, key.Identity, refreshAt, credential.ExpiresOn);
            completion.SetResult(result);
        }
        catch (Exception e)
        {
            lock (slot)
            {
                slot.Pending = null;
                if (slot.Current is { Credential.ExpiresOn: { } expires } && _timeProvider.GetUtcNow() < expires)
                {
                    // Serve the still-valid credential a while before asking the failing token service again.
                    var retry = _timeProvider.GetUtcNow() + MinimumUse;
                    slot.RefreshAt = retry < expires ? retry : expires;
                }
            }

            completion.SetException(e);
        }
    }

    private sealed class Slot
    {
        public ExchangedCredential? Current { get; set; }

        public DateTimeOffset RefreshAt { get; set; }

        public Task<ExchangedCredential>? Pending { get; set; }
    }
}

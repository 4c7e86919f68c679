using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Tests.Credentials;

public sealed class RegistryCredentialCacheTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly CredentialCacheKey s_key = new("Test", "account#0001", string.Empty);

    [Test]
    public async Task GetAsync_HundredConcurrentCallers_OneExchange()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };

        var callers = Enumerable.Range(0, 100)
            .Select(_ => Task.Run(async () => await cache.GetAsync(s_key, exchange.RunAsync)))
            .ToArray();
        await exchange.Started.Task;
        exchange.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Count, Is.EqualTo(1));
            Assert.That(
                results.Select(r => r.Credential.Password.Reveal()).Distinct(), Is.EqualTo(new[] { "secret-1" }));
        });
    }

    [Test]
    public async Task GetAsync_HundredCallersWaitingAtOnce_OneExchange()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };

        var callers = Enumerable.Range(0, 100).Select(_ => cache.GetAsync(s_key, exchange.RunAsync).AsTask()).ToArray();
        var waiting = callers.Count(c => !c.IsCompleted);
        exchange.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Multiple(() =>
        {
            Assert.That(waiting, Is.EqualTo(100));
            Assert.That(exchange.Count, Is.EqualTo(1));
            Assert.That(results.Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task GetAsync_HundredConcurrentCallersAndTheExchangeFails_OneExchangeAndEveryCallerSeesTheError()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1))
        {
            Gate = new TaskCompletionSource(),
            Failure = new RegistryAuthenticationException("refused"),
        };

        // Every call is made (and waiting) before the exchange is let through.
        var callers = Enumerable.Range(0, 100).Select(_ => cache.GetAsync(s_key, exchange.RunAsync).AsTask()).ToArray();
        exchange.Gate.SetResult();
        var outcomes = await Task.WhenAll(callers.Select(async c =>
        {
            try
            {
                await c;
                return null;
            }
            catch (RegistryAuthenticationException e)
            {
                return e;
            }
        }));

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Count, Is.EqualTo(1));
            Assert.That(outcomes, Has.All.Not.Null);
        });
    }

    [Test]
    public async Task GetAsync_OneHourCredential_ServedFromCacheUntilFortyEightMinutesThenRefreshed()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));

        var first = await cache.GetAsync(s_key, exchange.RunAsync);
        clock.Advance(TimeSpan.FromMinutes(47));
        var cached = await cache.GetAsync(s_key, exchange.RunAsync);
        clock.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await cache.GetAsync(s_key, exchange.RunAsync);

        Assert.Multiple(() =>
        {
            Assert.That(cached, Is.SameAs(first));
            Assert.That(refreshed, Is.Not.SameAs(first));
            Assert.That(refreshed.Credential.ExpiresOn, Is.EqualTo(s_start.AddMinutes(48).AddHours(1)));
            Assert.That(exchange.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task GetAsync_RefreshFailsWhileTheCachedCredentialIsValid_ServesItAndRetriesLater()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));
        var first = await cache.GetAsync(s_key, exchange.RunAsync);
        exchange.Failure = new RegistryRequestFailedException("POST", new Uri("https://token.example/"), null, []);

        clock.Advance(TimeSpan.FromMinutes(50));
        var during = await cache.GetAsync(s_key, exchange.RunAsync);
        var soonAfter = await cache.GetAsync(s_key, exchange.RunAsync);
        clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await cache.GetAsync(s_key, exchange.RunAsync);

        Assert.Multiple(() =>
        {
            Assert.That(during, Is.SameAs(first));
            Assert.That(soonAfter, Is.SameAs(first));
            Assert.That(retried, Is.SameAs(first));
            Assert.That(exchange.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task GetAsync_RefreshFailsAfterExpiry_ThrowsAndNeverServesTheExpiredCredential()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));
        await cache.GetAsync(s_key, exchange.RunAsync);
        exchange.Failure = new RegistryAuthenticationException("refused");

        clock.Advance(TimeSpan.FromHours(1));

        Assert.ThrowsAsync<RegistryAuthenticationException>(async () => await cache.GetAsync(s_key, exchange.RunAsync));
    }

    [Test]
    public void GetAsync_ExchangeHandsBackAnExpiredCredential_ThrowsAuthentication()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromMinutes(-1));

        var error = Assert.ThrowsAsync<RegistryAuthenticationException>(
            async () => await cache.GetAsync(s_key, exchange.RunAsync));

        Assert.That(error!.Message, Does.Contain("clock"));
    }

    [Test]
    public async Task GetAsync_CredentialWithoutExpiry_ExchangedOnce()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, null);

        await cache.GetAsync(s_key, exchange.RunAsync);
        clock.Advance(TimeSpan.FromDays(400));
        await cache.GetAsync(s_key, exchange.RunAsync);

        Assert.That(exchange.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_TwoKeys_ExchangeSeparately()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));

        await cache.GetAsync(s_key, exchange.RunAsync);
        await cache.GetAsync(s_key with { Scope = "repository:a:pull" }, exchange.RunAsync);
        await cache.GetAsync(s_key with { Identity = "account#0002" }, exchange.RunAsync);

        Assert.That(exchange.Count, Is.EqualTo(3));
    }

    [Test]
    public async Task GetAsync_CallerCancels_TheExchangeStillCompletesForTheOthers()
    {
        var clock = new FakeTimeProvider(s_start);
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };
        using var cancel = new CancellationTokenSource();

        var cancelled = cache.GetAsync(s_key, exchange.RunAsync, cancel.Token).AsTask();
        var other = cache.GetAsync(s_key, exchange.RunAsync).AsTask();
        await exchange.Started.Task;
        await cancel.CancelAsync();
        Assert.ThrowsAsync<TaskCanceledException>(async () => await cancelled);
        exchange.Gate.SetResult();
        var result = await other;

        Assert.Multiple(() =>
        {
            Assert.That(result.Credential.Password.Reveal(), Is.EqualTo("secret-1"));
            Assert.That(exchange.Count, Is.EqualTo(1));
        });
    }

    // lifetime, then when the refresh happens after the credential was obtained
    [TestCase(12 * 3600, 9.6 * 3600)]
    [TestCase(3600, 48 * 60)]
    [TestCase(20 * 60, 15 * 60)]
    [TestCase(10 * 60, 5 * 60)]
    [TestCase(4 * 60, 30)]
    [TestCase(40, 20)]
    [TestCase(0, 0)]
    public void RefreshTime_Lifetimes_EightyPercentOrFiveMinutesBeforeNotBeforeThirtySeconds(
        double lifetimeSeconds, double refreshAfterSeconds)
    {
        var refresh = RegistryCredentialCache.RefreshTime(s_start, s_start.AddSeconds(lifetimeSeconds));

        Assert.That((refresh - s_start).TotalSeconds, Is.EqualTo(refreshAfterSeconds).Within(0.001));
    }

    [Test]
    public void CredentialCacheKey_SameFieldsDifferentSecret_DifferentIdentityWithoutTheSecret()
    {
        var one = CredentialCacheKey.Create(
            "AwsEcr", "123456789012/us-east-1", string.Empty, ["AKIA1"], [new Secret("s1")]);
        var same = CredentialCacheKey.Create(
            "AwsEcr", "123456789012/us-east-1", string.Empty, ["AKIA1"], [new Secret("s1")]);
        var other = CredentialCacheKey.Create(
            "AwsEcr", "123456789012/us-east-1", string.Empty, ["AKIA1"], [new Secret("s2")]);

        Assert.Multiple(() =>
        {
            Assert.That(same, Is.EqualTo(one));
            Assert.That(other, Is.Not.EqualTo(one));
            Assert.That(
                one.Identity,
                Does.StartWith("123456789012/us-east-1#").And.Not.Contain("AKIA1").And.Not.Contain("s1"));
            Assert.That(one.ToString(), Is.EqualTo("AwsEcr " + one.Identity));
        });
    }

    /// <summary>A token exchange that counts its runs, can be held at a gate, and fails when told.</summary>
    private sealed class CountingExchange(TimeProvider clock, TimeSpan? lifetime)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; set; }

        public async Task<ExchangedCredential> RunAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _count);
            Started.TrySetResult();
            if (Gate is not null)
            {
                await Gate.Task;
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            var expires = lifetime is { } l ? clock.GetUtcNow() + l : (DateTimeOffset?)null;
            return new ExchangedCredential(new RegistryCredential("user", new Secret("secret-" + n), expires));
        }
    }
}

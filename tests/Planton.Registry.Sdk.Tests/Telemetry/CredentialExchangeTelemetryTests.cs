using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>The credential cache's exchanges as spans and durations: provider and outcome, never the token.</summary>
public sealed class CredentialExchangeTelemetryTests
{
    private const string Token = "ecr-token-S3cret-never-tagged";

    [Test]
    public async Task GetAsync_Exchange_SpanAndDurationWithProviderAndOutcome()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var key = new CredentialCacheKey("AwsEcr", "123456789012/us-east-1#" + Guid.NewGuid().ToString("N"), "");
        using var recorder = new TelemetryRecorder();

        await cache.GetAsync(key, _ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(new ExchangedCredential(
                new RegistryCredential("AWS", new Secret(Token), clock.GetUtcNow().AddHours(12))));
        });
        await cache.GetAsync(key, _ => throw new AssertionException("the cached credential is used"));

        var span = recorder.Spans.Single(s => s.OperationName == "planton.registry.credential.exchange");
        var duration = recorder.MeasurementsOf("planton.registry.credential.exchange.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("planton.registry.provider"), Is.EqualTo("AwsEcr"));
            Assert.That(span.GetTagItem("planton.registry.outcome"), Is.EqualTo("success"));
            Assert.That(duration.Value, Is.EqualTo(0.25));
            Assert.That(duration.Unit, Is.EqualTo("s"));
            Assert.That(duration.Tags["planton.registry.provider"], Is.EqualTo("AwsEcr"));
            Assert.That(duration.Tags["planton.registry.outcome"], Is.EqualTo("success"));
            Assert.That(recorder.AllTagValues().Where(v => v.Contains(Token, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void GetAsync_ExchangeRefused_SpanAndDurationSayFailure()
    {
        var clock = new FakeTimeProvider();
        var cache = new RegistryCredentialCache(clock, NullLogger<RegistryCredentialCache>.Instance);
        var key = new CredentialCacheKey("GcpArtifactRegistry", "project#" + Guid.NewGuid().ToString("N"), "");
        using var recorder = new TelemetryRecorder();

        Assert.That(
            async () => await cache.GetAsync(
                key,
                _ => Task.FromException<ExchangedCredential>(
                    new RegistryAuthenticationException("refused; token " + Token))),
            Throws.TypeOf<RegistryAuthenticationException>());

        var span = recorder.Spans.Single(s => s.OperationName == "planton.registry.credential.exchange");
        var duration = recorder.MeasurementsOf("planton.registry.credential.exchange.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("planton.registry.outcome"), Is.EqualTo("failure"));
            Assert.That(span.GetTagItem("error.type"), Is.EqualTo(typeof(RegistryAuthenticationException).FullName));
            Assert.That(duration.Tags["planton.registry.provider"], Is.EqualTo("GcpArtifactRegistry"));
            Assert.That(duration.Tags["planton.registry.outcome"], Is.EqualTo("failure"));
            Assert.That(recorder.AllTagValues().Where(v => v.Contains(Token, StringComparison.Ordinal)), Is.Empty);
        });
    }
}

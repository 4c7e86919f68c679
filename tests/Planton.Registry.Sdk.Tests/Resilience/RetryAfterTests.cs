using Planton.Registry.Sdk.Resilience;

namespace Planton.Registry.Sdk.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("1", 60, 1.0)]
    [TestCase("0", 60, 0.0)]
    [TestCase("30", 60, 30.0)]
    [TestCase("120", 60, 60.0)]
    [TestCase("86400", 5, 5.0)]
    [TestCase("Sun, 01 Mar 2026 12:00:10 GMT", 60, 10.0)]
    [TestCase("Sun, 01 Mar 2026 13:00:00 GMT", 60, 60.0)]
    [TestCase("Sun, 01 Mar 2026 11:59:00 GMT", 60, 0.0)]
    public void Delay_SecondsOrHttpDate_IsCappedAndNeverNegative(string header, int capSeconds, double expected)
    {
        var delay = RetryAfter.Delay(RetryAfter.Parse(header), s_now, TimeSpan.FromSeconds(capSeconds));

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("1.5")]
    [TestCase("99999999999999999999999")]
    public void Delay_MissingOrUnreadable_IsNull(string? header)
    {
        var delay = RetryAfter.Delay(RetryAfter.Parse(header), s_now, TimeSpan.FromSeconds(60));

        Assert.That(delay, Is.Null);
    }
}

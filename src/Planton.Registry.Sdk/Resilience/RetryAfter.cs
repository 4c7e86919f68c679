using System.Net.Http.Headers;

namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// Reads the wait a server asks for in <c>Retry-After</c> (RFC 9110 §10.2.3): a number of seconds or an HTTP date.
/// </summary>
internal static class RetryAfter
{
    /// <summary>
    /// The wait the response asks for, cut to <paramref name="cap"/>; zero for a date in the past; null when the
    /// response has no usable <c>Retry-After</c>.
    /// </summary>
    public static TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Delay(response.Headers.RetryAfter, now, cap);
    }

    /// <summary>
    /// Like <see cref="Delay(HttpResponseMessage, DateTimeOffset, TimeSpan)"/>, from the parsed header.
    /// </summary>
    public static TimeSpan? Delay(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan cap)
    {
        TimeSpan wait;
        if (header?.Delta is { } delta)
        {
            wait = delta;
        }
        else if (header?.Date is { } date)
        {
            wait = date - now;
        }
        else
        {
            return null;
        }

        if (wait < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return wait > cap ? cap : wait;
    }

    /// <summary>Parses a raw header value; null when it is neither seconds nor an HTTP date.</summary>
    public static RetryConditionHeaderValue? Parse(string? value) =>
        RetryConditionHeaderValue.TryParse(value, out var parsed) ? parsed : null;
}

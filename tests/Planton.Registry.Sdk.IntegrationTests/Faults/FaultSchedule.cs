using System.Collections.Concurrent;

namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>
/// Decides, from a seeded random sequence, what happens to each request the proxy sees. At most
/// <see cref="MaxConsecutiveFaults"/> faults in a row hit the same method and path (upload requests are grouped by
/// repository, as every resume opens a new upload), so bounded retries always get through.
/// </summary>
internal sealed class FaultSchedule
{
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, int> _consecutive = new(StringComparer.Ordinal);
    private readonly Func<string, string, long, FaultKind>? _override;

    public FaultSchedule(int seed, double faultRate, Func<string, string, long, FaultKind>? overrideRule = null)
    {
        _random = new Random(seed);
        FaultRate = faultRate;
        _override = overrideRule;
    }

    public double FaultRate { get; }

    public int MaxConsecutiveFaults { get; init; } = 2;

    /// <summary>A schedule that cuts every blob upload that carries bytes and lets everything else through.</summary>
    public static FaultSchedule KillBlobUploads() =>
        new(0, 0, (method, path, length) =>
            (method is "PUT" or "PATCH") && length > 0 && path.Contains("/blobs/uploads/", StringComparison.Ordinal)
                ? FaultKind.Drop
                : FaultKind.None);

    public FaultKind Next(string method, string path, long contentLength)
    {
        if (_override is not null)
        {
            return _override(method, path, contentLength);
        }

        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }

        var key = method + " " + GroupOf(path);
        var kind = roll >= FaultRate
            ? FaultKind.None
            : (roll / FaultRate) switch
            {
                < 0.25 => FaultKind.ServiceUnavailable,
                < 0.40 => FaultKind.InternalServerError,
                < 0.60 => FaultKind.TooManyRequests,
                < 0.85 => FaultKind.Drop,
                _ => FaultKind.Delay,
            };
        if (kind is FaultKind.None or FaultKind.Delay)
        {
            _consecutive[key] = 0;
            return kind;
        }

        var count = _consecutive.AddOrUpdate(key, 1, (_, c) => c + 1);
        if (count > MaxConsecutiveFaults)
        {
            _consecutive[key] = 0;
            return FaultKind.None;
        }

        return kind;
    }

    private static string GroupOf(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var bare = query < 0 ? path : path[..query];
        var uploads = bare.IndexOf("/blobs/uploads/", StringComparison.Ordinal);
        return uploads < 0 ? bare : bare[..(uploads + "/blobs/uploads/".Length)];
    }
}

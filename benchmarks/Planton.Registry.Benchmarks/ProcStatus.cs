namespace Planton.Registry.Benchmarks;

/// <summary>Reads this process's memory figures from <c>/proc/self/status</c> (Linux), in KiB.</summary>
internal static class ProcStatus
{
    /// <summary>The resident set's high-water mark.</summary>
    public static double PeakResidentKib() => Read("VmHWM:");

    /// <summary>The resident set now.</summary>
    public static double ResidentKib() => Read("VmRSS:");

    private static double Read(string field)
    {
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return double.NaN;
        }

        foreach (var line in File.ReadLines(StatusFile))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var number = line[field.Length..].Trim().Split(' ')[0];
                return double.TryParse(number, out var kib) ? kib : double.NaN;
            }
        }

        return double.NaN;
    }
}

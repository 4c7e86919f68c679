namespace Planton.Registry.Benchmarks;

/// <summary>Medians and their formatting.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Ms(double value) => double.IsNaN(value) ? "-" : $"{value:F0} ms";

    public static string Ratio(double sdk, double other) =>
        double.IsNaN(sdk) || double.IsNaN(other) || other <= 0 ? "-" : $"{sdk / other:F2}x";

    public static string Mib(double kib) => double.IsNaN(kib) ? "-" : $"{kib / 1024:F0} MiB";

    public static string Range(IReadOnlyCollection<double> values, double scale = 1) =>
        values.Count == 0 ? "-" : $"{values.Min() / scale:F0}-{values.Max() / scale:F0}";
}

namespace Planton.Registry.Sdk.Tests.Fuzz;

/// <summary>What a fuzz run saw of one target.</summary>
internal sealed class FuzzStatistics
{
    public long Inputs { get; set; }

    public long TypedExceptions { get; set; }

    public double LongestMilliseconds { get; set; }

    public int LongestInputLength { get; set; }

    public int LargestInputLength { get; set; }

    /// <summary>Time of a 1 MiB adversarial input over time of a 64 KiB one (16 means linear).</summary>
    public double GrowthRatio { get; set; }
}

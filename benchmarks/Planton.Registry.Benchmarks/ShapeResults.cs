namespace Planton.Registry.Benchmarks;

/// <summary>Every round's numbers for one image shape: times in milliseconds, memory in KiB.</summary>
internal sealed class ShapeResults
{
    public ShapeResults(ImageShape shape)
    {
        Shape = shape;
    }

    public ImageShape Shape { get; }

    public List<double> SdkPush { get; } = [];

    public List<double> SdkPushProcess { get; } = [];

    public List<double> SdkRepush { get; } = [];

    public List<double> SdkPull { get; } = [];

    public List<double> SdkPullProcess { get; } = [];

    public List<double> SdkPushPeak { get; } = [];

    public List<double> SdkPullPeak { get; } = [];

    public List<double> SdkStartResident { get; } = [];

    public List<double> SkopeoPush { get; } = [];

    public List<double> SkopeoRepush { get; } = [];

    public List<double> SkopeoPull { get; } = [];

    public List<double> SkopeoPushPeak { get; } = [];

    public List<double> SkopeoPullPeak { get; } = [];

    public List<double> SkopeoPullUncompressed { get; } = [];

    public List<double> SdkPushGzip { get; } = [];

    public List<double> SkopeoPushGzip { get; } = [];
}

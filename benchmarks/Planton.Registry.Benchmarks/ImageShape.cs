namespace Planton.Registry.Benchmarks;

/// <summary>An image of <see cref="Layers"/> random layers of <see cref="MibPerLayer"/> MiB each.</summary>
internal sealed record ImageShape(int Layers, int MibPerLayer)
{
    public int TotalMib => Layers * MibPerLayer;

    public static ImageShape Parse(string text)
    {
        var parts = text.Trim().Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var layers) || !int.TryParse(parts[1], out var mib)
            || layers < 1 || mib < 1)
        {
            throw new ArgumentException($"'{text}' is not LAYERSxMIB, such as 4x128.");
        }

        return new ImageShape(layers, mib);
    }

    public override string ToString() => $"{Layers}x{MibPerLayer} MiB";
}

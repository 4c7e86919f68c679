namespace Planton.Registry.Benchmarks;

/// <summary>The command line of the macro benchmark.</summary>
internal sealed class BenchOptions
{
    public const string Usage =
        """
        usage: Planton.Registry.Benchmarks [options]        push/pull against skopeo (needs skopeo, docker-registry)
               Planton.Registry.Benchmarks micro [BDN args] BenchmarkDotNet micro-benchmarks
          --rounds N            rounds per image size (default 5)
          --large-rounds N      rounds for the 2x1024 MiB image (default: --rounds)
          --sizes LIST          images as LAYERSxMIB, comma-separated (default 4x128,2x1024)
          --parallel N          the SDK's MaxParallelBlobs for push and pull (default 4)
          --port N              loopback port of the private registry (default 5111)
          --work DIR            work folder for layouts and registry storage (default /tmp/planton-bench)
          --shared DIR          the shared folder with scripts/ (default ../shared next to the repository)
          --concurrent-pushes N pushes for the credential-exchange count (default 100; 0 skips it)
          --no-skopeo           measure the SDK only
          --fresh-layouts       re-create the image layouts even when the work folder has them
        """;

    public int Rounds { get; private set; } = 5;

    public int? LargeRounds { get; private set; }

    public IReadOnlyList<ImageShape> Sizes { get; private set; } = [new(4, 128), new(2, 1024)];

    public int Parallel { get; private set; } = 4;

    public int Port { get; private set; } = 5111;

    public string WorkDirectory { get; private set; } = "/tmp/planton-bench";

    public string? SharedDirectory { get; private set; }

    public int ConcurrentPushes { get; private set; } = 100;

    public bool Skopeo { get; private set; } = true;

    public bool FreshLayouts { get; private set; }

    public int RoundsFor(ImageShape shape) =>
        shape.TotalMib > 1024 && LargeRounds is { } large ? large : Rounds;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--rounds":
                    options.Rounds = Positive(Next(), "--rounds");
                    break;
                case "--large-rounds":
                    options.LargeRounds = Positive(Next(), "--large-rounds");
                    break;
                case "--sizes":
                    options.Sizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(ImageShape.Parse).ToList();
                    break;
                case "--parallel":
                    options.Parallel = Positive(Next(), "--parallel");
                    break;
                case "--port":
                    options.Port = Positive(Next(), "--port");
                    break;
                case "--work":
                    options.WorkDirectory = Path.GetFullPath(Next());
                    break;
                case "--shared":
                    options.SharedDirectory = Path.GetFullPath(Next());
                    break;
                case "--concurrent-pushes":
                    options.ConcurrentPushes = int.Parse(Next());
                    break;
                case "--no-skopeo":
                    options.Skopeo = false;
                    break;
                case "--fresh-layouts":
                    options.FreshLayouts = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive number.");
}

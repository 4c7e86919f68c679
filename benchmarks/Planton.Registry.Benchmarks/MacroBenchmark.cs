using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// The push/pull benchmark: for each image shape and round, the SDK (in a child process) and skopeo each push the
/// same OCI layout into a freshly emptied private registry, in alternating order; then both pull the SDK-pushed
/// image into empty folders, again alternating. Medians and ratios are printed and written to results.md.
/// </summary>
internal static class MacroBenchmark
{
    private const string User = "testuser";
    private const string Password = "testpassword";
    private const string Tag = "bench";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var repositoryRoot = FindRepositoryRoot();
        var shared = options.SharedDirectory
            ?? Environment.GetEnvironmentVariable("PLANTON_SHARED")
            ?? Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared"));
        var scripts = Path.Combine(shared, "scripts");
        Directory.CreateDirectory(options.WorkDirectory);

        Console.WriteLine("== loopback registries (registry-up.sh: binaries and the token instance)");
        await ProcessRunner.RunCheckedAsync("bash", [Path.Combine(scripts, "registry-up.sh")]);
        var environment = ReadExports();

        var report = new StringBuilder();
        var machine = await DescribeMachineAsync();
        Console.WriteLine(machine);
        report.AppendLine(machine);

        var results = new List<ShapeResults>();
        await using (var registry = new PrivateRegistry(
                         Path.Combine(options.WorkDirectory, "registry"), options.Port, User, Password))
        {
            foreach (var shape in options.Sizes)
            {
                var plain = await EnsureLayoutAsync(scripts, options, shape);
                var layouts = new ImageLayouts(
                    plain,
                    options.Skopeo
                        ? await GzipLayout.EnsureAsync(plain, plain + "-gz", Tag)
                        : plain);
                var shapeResults = new ShapeResults(shape);
                results.Add(shapeResults);
                var rounds = options.RoundsFor(shape);
                for (var round = 1; round <= rounds; round++)
                {
                    Console.WriteLine($"== {shape}, round {round} of {rounds}");
                    await RunRoundAsync(options, registry, layouts, shapeResults, round);
                }
            }

            await registry.StopAsync();
        }

        var tables = FormatTables(options, results);
        Console.WriteLine(tables);
        report.AppendLine(tables);
        var reportPath = Path.Combine(options.WorkDirectory, "results.md");
        await File.WriteAllTextAsync(reportPath, report.ToString());
        if (options.ConcurrentPushes > 0)
        {
            Console.WriteLine("== credential exchanges (token instance of registry-up.sh)");
            var lines = await CredentialExchangeBenchmark.RunAsync(
                scripts, options.WorkDirectory, options.ConcurrentPushes, environment);
            report.AppendLine("Credential exchanges:").AppendLine();
            foreach (var line in lines)
            {
                Console.WriteLine(line);
                report.AppendLine("- " + line);
            }
        }

        await File.WriteAllTextAsync(reportPath, report.ToString());
        Console.WriteLine($"(written to {reportPath})");
        return 0;
    }

    private static async Task RunRoundAsync(
        BenchOptions options, PrivateRegistry registry, ImageLayouts layouts, ShapeResults results, int round)
    {
        var sdkFirst = round % 2 == 1;
        var cache = Path.Combine(options.WorkDirectory, "blob-locations.json");
        File.Delete(cache);
        var repository = $"bench/r{round}-{Guid.NewGuid():N}"[..24];
        var sdkImage = repository + "-sdk";

        // Every push goes into emptied storage. Odd rounds: SDK before skopeo; even rounds: skopeo first.
        var pushes = new List<(string Tool, bool Gzip)>();
        foreach (var gzip in options.Skopeo ? new[] { true, false } : [false])
        {
            var pair = options.Skopeo
                ? (sdkFirst ^ gzip ? new[] { "sdk", "skopeo" } : ["skopeo", "sdk"])
                : ["sdk"];
            pushes.AddRange(pair.Select(tool => (tool, gzip)));
        }

        foreach (var (tool, gzip) in pushes)
        {
            await registry.RestartEmptyAsync();
            var layout = gzip ? layouts.Gzip : layouts.Plain;
            var label = gzip ? "push gz " : "push    ";
            if (tool == "sdk")
            {
                var target = gzip ? repository + "-gz" : sdkImage;
                var (child, wall) = await SdkPushAsync(options, registry, target, layout, cache);
                if (gzip)
                {
                    results.SdkPushGzip.Add(child.ElapsedMs);
                    Console.WriteLine($"   sdk    {label}{child.ElapsedMs,7:F0} ms");
                    continue;
                }

                results.SdkPush.Add(child.ElapsedMs);
                results.SdkPushProcess.Add(wall);
                results.SdkRepush.Add(child.RepushMs);
                results.SdkPushPeak.Add(child.PeakResidentKib);
                results.SdkStartResident.Add(child.StartResidentKib);
                Console.WriteLine(
                    $"   sdk    {label}{child.ElapsedMs,7:F0} ms (process {wall:F0} ms), "
                    + $"re-push {child.RepushMs:F1} ms, "
                    + $"peak {child.PeakResidentKib / 1024:F0} MiB");
            }
            else
            {
                var name = repository + (gzip ? "-skopeo-gz" : "-skopeo");
                var (push, peak) = await SkopeoAsync(
                    ["copy", "--quiet", "--dest-creds", $"{User}:{Password}", "--dest-tls-verify=false",
                        $"oci:{layout}:{Tag}", $"docker://{registry.Host}/{name}:{Tag}"]);
                if (gzip)
                {
                    results.SkopeoPushGzip.Add(push);
                    Console.WriteLine($"   skopeo {label}{push,7:F0} ms");
                    continue;
                }

                var (again, _) = await SkopeoAsync(
                    ["copy", "--quiet", "--dest-creds", $"{User}:{Password}", "--dest-tls-verify=false",
                        $"oci:{layout}:{Tag}", $"docker://{registry.Host}/{name}:again"]);
                results.SkopeoPush.Add(push);
                results.SkopeoRepush.Add(again);
                results.SkopeoPushPeak.Add(peak);
                Console.WriteLine(
                    $"   skopeo {label}{push,7:F0} ms, re-push {again:F0} ms (process), peak {peak / 1024:F0} MiB");
            }
        }

        // Every pull reads the image the SDK pushed from the uncompressed layout (skopeo's own push is another
        // image: it gzips the layers). When that push was not the last one, it is repeated, untimed.
        if (pushes[^1] != ("sdk", false))
        {
            await registry.RestartEmptyAsync();
            await SdkPushAsync(options, registry, sdkImage, layouts.Plain, cache);
        }

        var pulls = new List<string> { "sdk", "skopeo", "skopeo-uncompressed" };
        if (!sdkFirst)
        {
            pulls.Reverse();
        }

        foreach (var tool in options.Skopeo ? pulls : ["sdk"])
        {
            var output = Path.Combine(options.WorkDirectory, "pulled-" + tool);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            if (tool == "sdk")
            {
                var (child, wall) = await RunChildAsync(
                    [
                        "pull", "--registry", registry.Url.ToString(), "--user", User, "--repository", sdkImage,
                        "--tag", Tag, "--out", output, "--cache", cache,
                        "--parallel", options.Parallel.ToString(CultureInfo.InvariantCulture),
                    ]);
                results.SdkPull.Add(child.ElapsedMs);
                results.SdkPullProcess.Add(wall);
                results.SdkPullPeak.Add(child.PeakResidentKib);
                Console.WriteLine(
                    $"   sdk    pull    {child.ElapsedMs,7:F0} ms (process {wall:F0} ms), "
                    + $"peak {child.PeakResidentKib / 1024:F0} MiB");
            }
            else
            {
                var uncompressed = tool == "skopeo-uncompressed";
                string[] arguments =
                [
                    "copy", "--quiet", "--src-creds", $"{User}:{Password}", "--src-tls-verify=false",
                    .. uncompressed ? new[] { "--dest-oci-accept-uncompressed-layers" } : [],
                    $"docker://{registry.Host}/{sdkImage}:{Tag}", $"oci:{output}:{Tag}",
                ];
                var (pull, peak) = await SkopeoAsync(arguments);
                if (uncompressed)
                {
                    results.SkopeoPullUncompressed.Add(pull);
                    Console.WriteLine($"   skopeo pull -u  {pull,7:F0} ms (process, layers kept uncompressed)");
                }
                else
                {
                    results.SkopeoPull.Add(pull);
                    results.SkopeoPullPeak.Add(peak);
                    Console.WriteLine($"   skopeo pull    {pull,7:F0} ms (process), peak {peak / 1024:F0} MiB");
                }
            }

            Directory.Delete(output, recursive: true);
        }
    }

    private static Task<(ChildResult Result, double WallMs)> SdkPushAsync(
        BenchOptions options, PrivateRegistry registry, string repository, string layout, string cache) =>
        RunChildAsync(
            [
                "push", "--registry", registry.Url.ToString(), "--user", User, "--repository", repository,
                "--tag", Tag, "--repush-tag", "again", "--layout", layout, "--cache", cache,
                "--parallel", options.Parallel.ToString(CultureInfo.InvariantCulture),
            ]);

    /// <summary>Runs skopeo under /usr/bin/time; gives its wall time (ms) and peak resident set (KiB).</summary>
    private static async Task<(double ElapsedMs, double PeakKib)> SkopeoAsync(string[] arguments)
    {
        var useTime = File.Exists("/usr/bin/time");
        var outcome = useTime
            ? await ProcessRunner.RunCheckedAsync("/usr/bin/time", ["-f", "MAXRSS %M", "skopeo", .. arguments])
            : await ProcessRunner.RunCheckedAsync("skopeo", arguments);
        var peak = double.NaN;
        foreach (var line in outcome.StandardError.Split('\n'))
        {
            if (line.StartsWith("MAXRSS ", StringComparison.Ordinal)
                && double.TryParse(line[7..].Trim(), CultureInfo.InvariantCulture, out var kib))
            {
                peak = kib;
            }
        }

        return (outcome.ElapsedMs, peak);
    }

    private static async Task<(ChildResult Result, double WallMs)> RunChildAsync(string[] arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var prefix = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new[] { typeof(MacroBenchmark).Assembly.Location, "--child" }
            : ["--child"];
        var outcome = await ProcessRunner.RunCheckedAsync(
            self, [.. prefix, .. arguments],
            new Dictionary<string, string> { [ChildCommand.PasswordVariable] = Password });
        var line = outcome.StandardOutput.Split('\n')
                .LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The child printed no result: " + outcome.StandardError);
        var result = JsonSerializer.Deserialize<ChildResult>(line[7..], ChildCommand.Json)
            ?? throw new InvalidOperationException("The child's result is empty.");
        return (result, outcome.ElapsedMs);
    }

    private static async Task<string> EnsureLayoutAsync(string scripts, BenchOptions options, ImageShape shape)
    {
        var directory = Path.Combine(options.WorkDirectory, $"layout-{shape.Layers}x{shape.MibPerLayer}");
        if (options.FreshLayouts && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(directory + "-gz"))
            {
                Directory.Delete(directory + "-gz", recursive: true);
            }
        }

        if (!File.Exists(Path.Combine(directory, "index.json")))
        {
            Console.WriteLine($"== making the {shape} layout with make-bench-layout.sh");
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            await ProcessRunner.RunCheckedAsync(
                "bash",
                [
                    Path.Combine(scripts, "make-bench-layout.sh"), directory,
                    shape.Layers.ToString(CultureInfo.InvariantCulture),
                    shape.MibPerLayer.ToString(CultureInfo.InvariantCulture), Tag,
                ]);
        }

        return directory;
    }

    private static string FormatTables(BenchOptions options, IReadOnlyList<ShapeResults> all)
    {
        var text = new StringBuilder();
        foreach (var r in all)
        {
            text.AppendLine()
                .AppendLine(
                    CultureInfo.InvariantCulture, $"### {r.Shape} ({options.RoundsFor(r.Shape)} rounds, medians)")
                .AppendLine()
                .AppendLine("| measure | SDK | skopeo | SDK / skopeo | SDK per round |")
                .AppendLine("| --- | --- | --- | --- | --- |");
            Row(text, "cold push (operation)", r.SdkPush, r.SkopeoPush, Stats.Ms);
            Row(text, "cold push (whole process)", r.SdkPushProcess, r.SkopeoPush, Stats.Ms);
            Row(text, "re-push, every blob present", r.SdkRepush, r.SkopeoRepush, v => $"{v:F1} ms");
            Row(text, "push of gzip layers (skopeo sends them as they are)", r.SdkPushGzip, r.SkopeoPushGzip, Stats.Ms);
            Row(text, "pull (operation)", r.SdkPull, r.SkopeoPull, Stats.Ms);
            Row(text, "pull (whole process)", r.SdkPullProcess, r.SkopeoPull, Stats.Ms);
            Row(text, "pull, skopeo keeping layers uncompressed", r.SdkPull, r.SkopeoPullUncompressed, Stats.Ms);
            Row(text, "peak RSS, push", r.SdkPushPeak, r.SkopeoPushPeak, Stats.Mib, 1024);
            Row(text, "peak RSS, pull", r.SdkPullPeak, r.SkopeoPullPeak, Stats.Mib, 1024);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| RSS of the SDK child before the operation | {Stats.Mib(Stats.Median(r.SdkStartResident))} | | | |");
        }

        if (all.Count > 1)
        {
            var small = all.MinBy(r => r.Shape.MibPerLayer)!;
            var large = all.MaxBy(r => r.Shape.MibPerLayer)!;
            var pushGrowth = Stats.Median(large.SdkPushPeak) - Stats.Median(small.SdkPushPeak);
            var pullGrowth = Stats.Median(large.SdkPullPeak) - Stats.Median(small.SdkPullPeak);
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture,
                    $"Peak RSS growth from {small.Shape} to {large.Shape}: push {pushGrowth / 1024:F0} MiB, "
                    + $"pull {pullGrowth / 1024:F0} MiB (target: under 64 MiB).");
        }

        return text.ToString();
    }

    private static void Row(
        StringBuilder text, string name, List<double> sdk, List<double> skopeo, Func<double, string> format,
        double scale = 1)
    {
        var sdkMedian = Stats.Median(sdk);
        var skopeoMedian = Stats.Median(skopeo);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {format(sdkMedian)} | {format(skopeoMedian)} | {Stats.Ratio(sdkMedian, skopeoMedian)} "
            + $"| {Stats.Range(sdk, scale)} |");
    }

    private static async Task<string> DescribeMachineAsync()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease")
            ? (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim()
            : RuntimeInformation.OSDescription;
        var sdk = (await ProcessRunner.RunAsync("dotnet", ["--version"])).StandardOutput.Trim();
        var skopeo = (await ProcessRunner.RunAsync("skopeo", ["--version"])).StandardOutput.Trim();
        var memoryText = memory is not null && double.TryParse(memory, CultureInfo.InvariantCulture, out var kib)
            ? $"{kib / 1024 / 1024:F1} GiB"
            : "unknown";
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "unknown";
        var architecture = RuntimeInformation.OSArchitecture;
        return $"""
            Machine: {Environment.ProcessorCount} cores, {memoryText} memory, kernel {kernel}, {architecture}
            .NET: SDK {sdk}, runtime {RuntimeInformation.FrameworkDescription}; {skopeo}
            Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average at start: {load}
            """;
    }

    private static Dictionary<string, string> ReadExports()
    {
        var directory = Environment.GetEnvironmentVariable("PLANTON_IT_DIR") ?? "/tmp/planton-it";
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["PLANTON_IT_DIR"] = directory };
        var file = Path.Combine(directory, "registry.env");
        foreach (var line in File.Exists(file) ? File.ReadAllLines(file) : [])
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[text[..equals]] = text[(equals + 1)..].Trim('"', '\'');
            }
        }

        return values;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Planton.Registry.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Planton.Registry.Sdk.sln was not found above the benchmark.");
    }
}

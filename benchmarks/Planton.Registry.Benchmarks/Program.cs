using BenchmarkDotNet.Running;
using Planton.Registry.Benchmarks;

// Planton.Registry.Benchmarks: push and pull against a private loopback registry, measured against skopeo.
//   dotnet run -c Release --project benchmarks/Planton.Registry.Benchmarks -- --rounds 5
//   dotnet run -c Release --project benchmarks/Planton.Registry.Benchmarks -- micro [BenchmarkDotNet arguments]
// See docs/benchmarks.md for the method and the last results.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchOptions).Assembly).Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "--child")
{
    return await ChildCommand.RunAsync(args[1..]);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await MacroBenchmark.RunAsync(options);

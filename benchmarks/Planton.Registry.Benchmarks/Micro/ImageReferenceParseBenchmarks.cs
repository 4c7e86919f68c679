using BenchmarkDotNet.Attributes;
using Planton.Registry.Sdk.References;

namespace Planton.Registry.Benchmarks.Micro;

/// <summary><see cref="ImageReference.Parse"/> on short, typical and digest-pinned references.</summary>
[MemoryDiagnoser]
public class ImageReferenceParseBenchmarks
{
    [Params(
        "nginx",
        "ghcr.io/planton-cloud/api/server:1.42.0",
        "us-central1-docker.pkg.dev/project/repo/service/image@sha256:"
        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public string Reference { get; set; } = string.Empty;

    [Benchmark]
    public ImageReference Parse() => ImageReference.Parse(Reference);
}

namespace Planton.Registry.Benchmarks;

/// <summary>The bench layout as make-bench-layout.sh wrote it, and its copy with gzip-compressed layers.</summary>
internal sealed record ImageLayouts(string Plain, string Gzip);

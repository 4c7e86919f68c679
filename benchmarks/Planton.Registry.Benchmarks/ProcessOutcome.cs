namespace Planton.Registry.Benchmarks;

/// <summary>How a program ended and how long it ran, in milliseconds.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, double ElapsedMs);

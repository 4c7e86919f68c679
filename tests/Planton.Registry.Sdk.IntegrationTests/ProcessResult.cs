namespace Planton.Registry.Sdk.IntegrationTests;

/// <summary>What a program printed and how it exited.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

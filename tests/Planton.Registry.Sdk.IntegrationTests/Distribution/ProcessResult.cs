namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>The outcome of an external command.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

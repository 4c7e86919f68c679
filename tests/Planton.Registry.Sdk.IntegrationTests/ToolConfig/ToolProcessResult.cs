namespace Planton.Registry.Sdk.IntegrationTests.ToolConfig;

/// <summary>How a tool run ended.</summary>
internal sealed record ToolProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public string Describe(string what) => $"{what} exited with {ExitCode}:\n{Output}";
}

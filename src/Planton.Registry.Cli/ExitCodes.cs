namespace Planton.Registry.Cli;

/// <summary>The exit codes of CONTRACT.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int AuthenticationFailed = 3;
    public const int NotFound = 4;
}

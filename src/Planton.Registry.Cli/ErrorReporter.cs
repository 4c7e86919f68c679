using System.Net;
using Planton.Registry.Sdk;
using Planton.Registry.Sdk.Bundles;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Cli;

/// <summary>Turns an exception into the contract's exit code and one readable message on standard error.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter stderr, bool verbose)
    {
        var code = ExitCodeOf(exception);
        stderr.WriteLine($"error: {exception.Message}");
        if (verbose && code == ExitCodes.Failure)
        {
            stderr.WriteLine(exception.GetType().FullName);
        }

        return code;
    }

    public static int ExitCodeOf(Exception exception) => exception switch
    {
        RegistryConfigurationException or ImageReferenceException or OciLayoutException or ToolConfigFileException
            or BundleConflictException => ExitCodes.InvalidInput,
        RegistryAuthenticationException => ExitCodes.AuthenticationFailed,
        RegistryRequestFailedException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden }
            => ExitCodes.AuthenticationFailed,
        RegistryRequestFailedException { IsNotFound: true } => ExitCodes.NotFound,
        OperationCanceledException => ExitCodes.Failure,
        _ => ExitCodes.Failure,
    };
}

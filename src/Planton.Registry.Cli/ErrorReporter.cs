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
        stderr.WriteLine($"error: {Describe(exception)}");
        if (verbose && code == ExitCodes.Failure)
        {
            stderr.WriteLine(exception.GetType().FullName);
        }

        return code;
    }

    /// <summary>
    /// The exception's message, followed by the innermost cause when the message only points at it
    /// ("see inner exception"): a TLS or socket failure names its reason there. Our own exceptions hold no secret;
    /// the causes here come from the network stack.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var cause = exception.GetBaseException();
        return ReferenceEquals(cause, exception) || exception.Message.Contains(cause.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} ({cause.Message})";
    }

    public static int ExitCodeOf(Exception exception) => exception switch
    {
        RegistryConfigurationException or ImageReferenceException or OciLayoutException or ToolConfigFileException
            or BundleConflictException or ArgumentException => ExitCodes.InvalidInput,
        RegistryAuthenticationException => ExitCodes.AuthenticationFailed,
        RegistryRequestFailedException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden }
            => ExitCodes.AuthenticationFailed,
        RegistryRequestFailedException { IsNotFound: true } => ExitCodes.NotFound,
        OperationCanceledException => ExitCodes.Failure,
        _ => ExitCodes.Failure,
    };
}

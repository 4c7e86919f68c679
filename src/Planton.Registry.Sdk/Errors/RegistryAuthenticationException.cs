namespace Planton.Registry.Sdk;

/// <summary>
/// The registry or its token service refused the credentials, or refused the requested access.
/// The command line maps it to exit code 3.
/// </summary>
public sealed class RegistryAuthenticationException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and by which host; never a secret.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    public RegistryAuthenticationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

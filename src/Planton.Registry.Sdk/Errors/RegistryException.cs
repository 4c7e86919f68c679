namespace Planton.Registry.Sdk;

/// <summary>
/// The root of every exception the SDK throws on purpose. Catch it to handle any registry failure;
/// catch a subtype to handle one kind. No message, property or <see cref="Exception.Data"/> entry
/// of any subtype holds a secret.
/// </summary>
public abstract class RegistryException : Exception
{
    /// <summary>Creates the exception with a message that holds no secret.</summary>
    /// <param name="message">What went wrong and, where possible, what would be valid.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    protected RegistryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

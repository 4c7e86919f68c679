namespace Planton.Registry.Sdk;

/// <summary>An image reference does not follow the OCI/Docker reference grammar.</summary>
public sealed class ImageReferenceException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reference">The text that failed to parse (references hold no secrets).</param>
    /// <param name="position">The zero-based index of the first character at fault, or -1 when the whole input is at
    /// fault.</param>
    /// <param name="reason">What is wrong and what would be valid.</param>
    public ImageReferenceException(string reference, int position, string reason)
        : base(BuildMessage(reference, position, reason))
    {
        Reference = reference;
        Position = position;
        Reason = reason;
    }

    /// <summary>The text that failed to parse.</summary>
    public string Reference { get; }

    /// <summary>The zero-based index of the first character at fault, or -1.</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the reference.</summary>
    public string Reason { get; }

    private static string BuildMessage(string reference, int position, string reason)
    {
        var shown = reference.Length > 300 ? reference[..300] + "..." : reference;
        return position >= 0
            ? $"Invalid image reference '{shown}' at position {position}: {reason}"
            : $"Invalid image reference '{shown}': {reason}";
    }
}

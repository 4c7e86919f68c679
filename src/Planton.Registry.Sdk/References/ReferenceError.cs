namespace Planton.Registry.Sdk.References;

/// <summary>
/// Where and why a reference, or one of its parts, failed the grammar. The scanners return it instead of
/// throwing, so that <c>TryParse</c> never pays for an exception.
/// </summary>
/// <param name="Position">The zero-based index of the first character at fault, or -1 for the whole input.</param>
/// <param name="Reason">What is wrong and what would be valid.</param>
internal readonly record struct ReferenceError(int Position, string Reason)
{
    /// <summary>Turns the error into the exception that <c>Parse</c> and <c>Create</c> throw.</summary>
    /// <param name="text">The whole text that was being parsed.</param>
    /// <returns>The exception, not thrown.</returns>
    public ImageReferenceException ToException(string text) => new(text, Position, Reason);
}

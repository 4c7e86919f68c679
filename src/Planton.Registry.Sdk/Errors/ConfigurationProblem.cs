namespace Planton.Registry.Sdk;

/// <summary>One problem with one field of a connection.</summary>
/// <param name="Field">
/// The configuration path of the field, relative to the connection, such as <c>AwsEcr:AccountId</c>.
/// </param>
/// <param name="Message">What is wrong and what would be valid. Never holds the field's value when the field is a
/// secret.</param>
public sealed record ConfigurationProblem(string Field, string Message)
{
    /// <summary>Formats the problem as <c>Field: message</c>, the form the command line prints.</summary>
    /// <returns>The field path, a colon and the message.</returns>
    public override string ToString() => $"{Field}: {Message}";
}

using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>The small grammars the tool-config writers validate.</summary>
internal static partial class ToolConfigPatterns
{
    /// <summary>An npm scope after lower-casing: <c>@</c>, then URL-safe name characters, not starting with a dot or
    /// an underscore (npm's package-name rules).</summary>
    [GeneratedRegex("^@[a-z0-9~-][a-z0-9._~-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex NpmScope();

    /// <summary>A portable environment variable name.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex VariableName();

    /// <summary>Runs of characters not allowed in a derived variable name.</summary>
    [GeneratedRegex("[^A-Z0-9]+", RegexOptions.CultureInvariant)]
    public static partial Regex NotVariableCharacters();
}

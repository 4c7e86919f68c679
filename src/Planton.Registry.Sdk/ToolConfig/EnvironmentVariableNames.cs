namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>Derives placeholder variable names and keeps them unique within one file write.</summary>
internal static class EnvironmentVariableNames
{
    public static bool IsValid(string name) => ToolConfigPatterns.VariableName().IsMatch(name);

    /// <summary><c>PREFIX_SUFFIX</c> with the suffix upper-cased and every run of other characters turned into one
    /// underscore; just the prefix when nothing of the suffix is left.</summary>
    public static string Derive(string prefix, string suffix)
    {
        var cleaned = ToolConfigPatterns.NotVariableCharacters()
            .Replace(suffix.ToUpperInvariant(), "_")
            .Trim('_');
        return cleaned.Length == 0 ? prefix : prefix + "_" + cleaned;
    }

    /// <summary>Returns <paramref name="name"/>, or it with <c>_2</c>, <c>_3</c>… when already taken, and takes
    /// it.</summary>
    public static string TakeUnique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }
}

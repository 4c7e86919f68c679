using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Binds one connection from configuration and reports what the binder alone would get wrong: unknown fields
/// (typos such as <c>AcountId</c>) and values that are not one of an enum's names or not a boolean. Reports name
/// the field and the valid values, and never echo a value.
/// </summary>
internal static class RegistryConnectionBinder
{
    public static RegistryConnectionOptions Bind(IConfiguration section, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(problems);
        var refused = new List<string>();
        CheckObject(section, typeof(RegistryConnectionOptions), prefix: string.Empty, problems, refused);

        // Bind everything but the refused values, so that one bad value costs no other field.
        var accepted = section.AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null && !refused.Any(field => IsSameOrBelow(pair.Key, field)));
        var options = new RegistryConnectionOptions();
        new ConfigurationBuilder().AddInMemoryCollection(accepted).Build().Bind(options);
        return options;
    }

    private static bool IsSameOrBelow(string key, string field) =>
        string.Equals(key, field, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(field + ":", StringComparison.OrdinalIgnoreCase);

    private static void CheckObject(
        IConfiguration section,
        Type type,
        string prefix,
        ICollection<ConfigurationProblem> problems,
        List<string> refused)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var field = prefix + child.Key;
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add(new ConfigurationProblem(
                    field,
                    $"is not a field of {(prefix.Length == 0 ? "a connection" : prefix.TrimEnd(':'))}; "
                    + $"valid fields are {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}."));
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var isObject = propertyType.IsClass
                && propertyType.Namespace == typeof(RegistryConnectionOptions).Namespace;
            if (!isObject && child.GetChildren().Any())
            {
                problems.Add(new ConfigurationProblem(field, "must be a single value, not an object or a list."));
                refused.Add(field);
            }
            else if (propertyType.IsEnum)
            {
                if (!IsEnumName(child.Value, propertyType))
                {
                    problems.Add(new ConfigurationProblem(
                        field, $"must be one of {string.Join(", ", Enum.GetNames(propertyType))}."));
                    refused.Add(field);
                }
            }
            else if (propertyType == typeof(bool))
            {
                if (child.Value is { } text && !bool.TryParse(text, out _))
                {
                    problems.Add(new ConfigurationProblem(field, "must be true or false."));
                    refused.Add(field);
                }
            }
            else if (isObject)
            {
                if (child.Value is { Length: > 0 })
                {
                    problems.Add(new ConfigurationProblem(field, "must be an object holding the provider's fields."));
                    refused.Add(field);
                }
                else
                {
                    CheckObject(child, propertyType, field + ":", problems, refused);
                }
            }
        }
    }

    /// <summary>True for an empty value or one of the enum's names; numbers and flag lists are refused.</summary>
    private static bool IsEnumName(string? text, Type enumType) =>
        string.IsNullOrWhiteSpace(text)
        || Enum.GetNames(enumType).Any(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
}

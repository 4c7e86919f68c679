using System.Globalization;
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
        CheckObject(section, typeof(RegistryConnectionOptions), prefix: string.Empty, problems);
        var options = new RegistryConnectionOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException)
        {
            // Every value the binder can refuse was reported by CheckObject; fields it did bind stay bound.
        }

        return options;
    }

    private static void CheckObject(
        IConfiguration section,
        Type type,
        string prefix,
        ICollection<ConfigurationProblem> problems)
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
            if (propertyType.IsEnum)
            {
                CheckEnum(child, propertyType, field, problems);
            }
            else if (propertyType == typeof(bool))
            {
                if (child.Value is { } text && !bool.TryParse(text, out _))
                {
                    problems.Add(new ConfigurationProblem(field, "must be true or false."));
                }
            }
            else if (propertyType.IsClass && propertyType.Namespace == typeof(RegistryConnectionOptions).Namespace)
            {
                if (child.Value is { Length: > 0 })
                {
                    problems.Add(new ConfigurationProblem(field, "must be an object holding the provider's fields."));
                }
                else
                {
                    CheckObject(child, propertyType, field + ":", problems);
                }
            }
        }
    }

    private static void CheckEnum(
        IConfigurationSection child,
        Type enumType,
        string field,
        ICollection<ConfigurationProblem> problems)
    {
        var text = child.Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var names = Enum.GetNames(enumType);
        var known = names.Any(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!known || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            problems.Add(new ConfigurationProblem(field, $"must be one of {string.Join(", ", names)}."));
        }
    }
}

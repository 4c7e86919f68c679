using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Planton.Registry.Sdk.Connections;

/// <summary>
/// Reads one connection from a JSON file in the form of CONTRACT.md (the command line's <c>--connection FILE</c>).
/// </summary>
public static class ConnectionFile
{
    /// <summary>Reads and binds a connection file, without validating the connection's fields.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The connection; what binding found wrong is reported by its
    /// <see cref="RegistryConnectionOptions.Validate"/>.</returns>
    /// <exception cref="RegistryConfigurationException">The file is missing or is not a JSON object.</exception>
    public static RegistryConnectionOptions Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new RegistryConfigurationException("--connection", $"The connection file '{path}' does not exist.");
        }

        IConfigurationRoot configuration;
        try
        {
            using var stream = File.OpenRead(fullPath);
            configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException)
        {
            throw new RegistryConfigurationException(
                "--connection",
                $"The connection file '{path}' is not a JSON object of the form in CONTRACT.md ({Where(e)}).");
        }

        var problems = new List<ConfigurationProblem>();
        var connection = RegistryConnectionBinder.Bind(configuration, problems);
        connection.BindingProblems = problems;
        return connection;
    }

    /// <summary>Reads a connection file and validates it.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The valid connection.</returns>
    /// <exception cref="RegistryConfigurationException">The file is missing or malformed, or a field is invalid; lists
    /// every problem.</exception>
    public static RegistryConnectionOptions Load(string path)
    {
        var connection = Read(path);
        var problems = connection.Validate();
        if (problems.Count > 0)
        {
            throw new RegistryConfigurationException(connection.Name, problems);
        }

        return connection;
    }

    /// <summary>Where the JSON went wrong: a line and column, or a duplicate key's name; never a value.</summary>
    private static string Where(Exception exception) =>
        (exception as JsonException ?? exception.InnerException as JsonException)
            is { LineNumber: { } line, BytePositionInLine: { } column }
            ? $"syntax error at line {line + 1}, column {column + 1}"
            : exception.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
                ? exception.Message.TrimEnd('.')
                : "not valid JSON";
}

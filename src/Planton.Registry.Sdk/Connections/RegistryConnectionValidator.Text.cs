using System.Buffers;
using System.Globalization;
using System.Text;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Connections;

/// <content>Message building, value quoting and presence checks shared by every provider.</content>
internal static partial class RegistryConnectionValidator
{
    /// <summary>The most characters (Unicode scalars) of a non-secret value that a message quotes.</summary>
    internal const int MaxQuotedLength = 64;

    private const int MaxUserNameLength = 256;

    private const string BasicAuthUserRule =
        "a user name of at most 256 characters without ':' or whitespace, e.g. ci-bot";

    /// <summary>
    /// Quotes a non-secret value for a message: control, format and separator characters and broken surrogates
    /// become <c>\uXXXX</c> escapes, so that a value cannot forge a log line or reorder text, and a value longer
    /// than <see cref="MaxQuotedLength"/> is cut, with its full length stated.
    /// </summary>
    /// <param name="value">The value; never a secret.</param>
    /// <returns>
    /// The value in single quotes, such as <c>'us-east-1'</c>, or <c>'aaa...' (1048576 characters)</c> when cut.
    /// </returns>
    internal static string Quote(string value)
    {
        var escaped = Escape(value, MaxQuotedLength, out var truncated);
        return truncated
            ? string.Create(CultureInfo.InvariantCulture, $"'{escaped}...' ({value.Length} characters)")
            : "'" + escaped + "'";
    }

    /// <summary>
    /// Escapes control, format and separator characters and broken surrogates as <c>\uXXXX</c>
    /// (<c>\UXXXXXXXX</c> above the basic plane) and stops after <paramref name="maxLength"/> scalars.
    /// </summary>
    /// <param name="value">The text to escape.</param>
    /// <param name="maxLength">The most Unicode scalars to keep.</param>
    /// <param name="truncated">Set to true when text was left out.</param>
    /// <returns>The escaped text.</returns>
    internal static string Escape(string value, int maxLength, out bool truncated)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        var rest = value.AsSpan();
        var count = 0;
        while (!rest.IsEmpty && count < maxLength)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)rest[0]:X4}");
                consumed = 1;
            }
            else if (NeedsEscape(rune) && rune.IsBmp)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            }
            else if (NeedsEscape(rune))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");
            }
            else
            {
                builder.Append(rest[..consumed]);
            }

            rest = rest[consumed..];
            count++;
        }

        truncated = !rest.IsEmpty;
        return builder.ToString();
    }

    private static bool NeedsEscape(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
        or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate;

    private static string Field(string section, string name) => section + ":" + name;

    private static bool IsSet([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value);

    private static bool IsSet([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Secret? secret) =>
        secret is not null && !string.IsNullOrWhiteSpace(secret.Reveal());

    private static ConfigurationProblem Missing(string field, string rule) =>
        new(field, $"is required; it must be {rule}.");

    private static ConfigurationProblem Invalid(string field, string value, string rule) =>
        new(field, $"must be {rule}; got {Quote(value)}.");

    /// <summary>Checks a required non-secret field against a rule.</summary>
    private static void Require(
        string field, string? value, Func<string, bool> isValid, string rule, List<ConfigurationProblem> problems)
    {
        if (!IsSet(value))
        {
            problems.Add(Missing(field, rule));
        }
        else if (!isValid(value))
        {
            problems.Add(Invalid(field, value, rule));
        }
    }

    /// <summary>Checks an optional non-secret field against a rule; blank counts as not set.</summary>
    private static void Optional(
        string field, string? value, Func<string, bool> isValid, string rule, List<ConfigurationProblem> problems)
    {
        if (IsSet(value) && !isValid(value))
        {
            problems.Add(Invalid(field, value, rule));
        }
    }

    /// <summary>
    /// Checks a required secret: present, within a length range and free of whitespace. The message names the
    /// rule that failed and never the value.
    /// </summary>
    private static void RequireSecret(
        string field,
        Secret? secret,
        string description,
        int minLength,
        int maxLength,
        List<ConfigurationProblem> problems)
    {
        var range = minLength <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"at most {maxLength} characters without whitespace")
            : string.Create(
                CultureInfo.InvariantCulture, $"{minLength} to {maxLength} characters without whitespace");
        if (!IsSet(secret))
        {
            problems.Add(new ConfigurationProblem(field, $"is required; it must be {description} ({range})."));
            return;
        }

        var value = secret.Reveal();
        string? wrong = null;
        if (value.Length < minLength)
        {
            wrong = "is too short";
        }
        else if (value.Length > maxLength)
        {
            wrong = "is too long";
        }
        else if (ContainsWhiteSpaceOrControl(value))
        {
            wrong = "contains whitespace or control characters";
        }

        if (wrong is not null)
        {
            problems.Add(new ConfigurationProblem(field, $"{wrong}; it must be {description} ({range})."));
        }
    }

    private static bool ContainsWhiteSpaceOrControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A Basic authentication user name: no ':' (it would split user from password), no whitespace.</summary>
    private static bool IsBasicAuthUser(string value)
    {
        if (value.Length > MaxUserNameLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c == ':' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool AllChars(string value, Func<char, bool> predicate)
    {
        foreach (var c in value)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// Parses <c>WWW-Authenticate</c> values into challenges, following RFC 9110 section 11: a scheme, then either a
/// token68 or comma-separated <c>name=value</c> parameters whose values are tokens or quoted strings with
/// backslash escapes; several challenges may share one value. Malformed input never throws: parsing stops at the
/// fault and keeps the challenges read before it.
/// </summary>
internal static class WwwAuthenticateParser
{
    /// <summary>Parses every value of every <c>WWW-Authenticate</c> header, in order.</summary>
    public static IReadOnlyList<AuthenticationChallenge> Parse(IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        var result = new List<AuthenticationChallenge>();
        foreach (var value in headerValues)
        {
            result.AddRange(Parse(value));
        }

        return result;
    }

    /// <summary>Parses one header value, which may hold several challenges.</summary>
    public static IReadOnlyList<AuthenticationChallenge> Parse(string? headerValue)
    {
        var result = new List<AuthenticationChallenge>();
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return result;
        }

        var cursor = new Cursor(headerValue);
        while (true)
        {
            cursor.SkipSeparators();
            var scheme = cursor.ReadToken();
            if (scheme.Length == 0)
            {
                return result;
            }

            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var token68 = cursor.TryReadToken68();
            var wellFormed = token68 is not null || ReadParameters(cursor, parameters);
            result.Add(new AuthenticationChallenge(scheme, parameters, token68));
            if (!wellFormed)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Reads <c>name=value</c> pairs up to the end or to the next challenge's scheme (a token not followed by
    /// <c>=</c>), where it leaves the cursor. Returns false when the input is malformed.
    /// </summary>
    private static bool ReadParameters(Cursor cursor, Dictionary<string, string> parameters)
    {
        while (true)
        {
            var mark = cursor.Position;
            cursor.SkipSeparators();
            if (cursor.AtEnd)
            {
                return true;
            }

            var name = cursor.ReadToken();
            if (name.Length == 0)
            {
                return false;
            }

            cursor.SkipSpaces();
            if (cursor.AtEnd || cursor.Current != '=')
            {
                cursor.Position = mark;
                return true;
            }

            cursor.Position++;
            cursor.SkipSpaces();
            var value = !cursor.AtEnd && cursor.Current == '"' ? cursor.ReadQuotedString() : cursor.ReadBareValue();
            if (value is null)
            {
                return false;
            }

            parameters.TryAdd(name, value);
            cursor.SkipSpaces();
            if (!cursor.AtEnd && cursor.Current != ',')
            {
                return false;
            }
        }
    }

    private sealed class Cursor
    {
        private readonly string _text;

        public Cursor(string text)
        {
            _text = text;
        }

        public int Position { get; set; }

        public bool AtEnd => Position >= _text.Length;

        public char Current => _text[Position];

        public void SkipSpaces()
        {
            while (!AtEnd && Current is ' ' or '\t')
            {
                Position++;
            }
        }

        public void SkipSeparators()
        {
            while (!AtEnd && Current is ' ' or '\t' or ',')
            {
                Position++;
            }
        }

        public string ReadToken()
        {
            var start = Position;
            while (!AtEnd && IsTokenChar(Current))
            {
                Position++;
            }

            return _text[start..Position];
        }

        /// <summary>An unquoted value: lenient, it runs to the next comma or space.</summary>
        public string ReadBareValue()
        {
            var start = Position;
            while (!AtEnd && Current is not (',' or ' ' or '\t'))
            {
                Position++;
            }

            return _text[start..Position];
        }

        /// <summary>Reads a quoted string from its opening quote; null when it is never closed.</summary>
        public string? ReadQuotedString()
        {
            Position++;
            var builder = new StringBuilder();
            while (!AtEnd)
            {
                var c = _text[Position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        return null;
                    }

                    c = _text[Position++];
                }

                builder.Append(c);
            }

            return null;
        }

        /// <summary>
        /// Reads a token68 (letters, digits, <c>-._~+/</c>, then <c>=</c> padding) when it is all that follows the
        /// scheme up to a comma or the end; otherwise leaves the cursor where it was and returns null.
        /// </summary>
        public string? TryReadToken68()
        {
            var start = Position;
            SkipSpaces();
            if (Position == start)
            {
                return null;
            }

            var valueStart = Position;
            while (!AtEnd && IsToken68Char(Current))
            {
                Position++;
            }

            var bodyEnd = Position;
            while (!AtEnd && Current == '=')
            {
                Position++;
            }

            var valueEnd = Position;
            SkipSpaces();
            if (bodyEnd > valueStart && (AtEnd || Current == ','))
            {
                return _text[valueStart..valueEnd];
            }

            Position = start;
            return null;
        }

        private static bool IsTokenChar(char c) =>
            c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|'
                or '~';

        private static bool IsToken68Char(char c) =>
            c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '-' or '.' or '_' or '~' or '+' or '/';
    }
}

using System.Globalization;

namespace Planton.Registry.Sdk.References;

/// <summary>
/// Checks the parts of an image reference against the grammar of the distribution project's
/// <see href="https://github.com/distribution/reference/blob/main/regexp.go">reference package</see> and the
/// <see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">OCI
/// distribution spec</see>. Providers use it to check repository names and tags (such as commit SHAs) before
/// they build a reference. Every check is one forward pass without backtracking, so its time grows linearly
/// with the input, whatever the input.
/// </summary>
public static class ReferenceGrammar
{
    internal const int MaxTagLength = 128;
    internal const int MaxNameLength = 255;

    internal const string TagRule = "a tag must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}";

    internal const string PathRule =
        "each repository path component must match [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)* "
        + "and components are separated by single '/'";

    internal const string HostRule =
        "a registry is a host of dot-separated labels made of letters, digits and inner '-', "
        + "or an IPv6 address in brackets such as [::1], optionally followed by ':' and a port number";

    private enum PathState
    {
        ComponentStart,
        Alphanumeric,
        Dot,
        Underscore,
        DoubleUnderscore,
        Dash,
    }

    /// <summary>Tells whether a text is a valid tag: 1 to 128 characters of <c>[A-Za-z0-9_.-]</c>, not
    /// starting with <c>.</c> or <c>-</c>.</summary>
    /// <param name="tag">The candidate tag, without the leading <c>:</c>; null is invalid.</param>
    /// <returns>True when the tag is valid.</returns>
    public static bool IsValidTag(string? tag) => tag is not null && CheckTag(tag, 0) is null;

    /// <summary>
    /// Tells whether a text is a valid repository path: lowercase components separated by <c>/</c>, each matching
    /// <c>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*</c>. The 255-character limit on registry, <c>/</c> and
    /// path together is checked by <see cref="ImageReference.Create"/> and <see cref="ImageReference.Parse"/>.
    /// </summary>
    /// <param name="repository">The candidate path without registry, such as <c>library/alpine</c>; null is
    /// invalid.</param>
    /// <returns>True when the path is valid.</returns>
    public static bool IsValidRepository(string? repository) =>
        repository is not null && CheckRepository(repository, 0) is null;

    /// <summary>
    /// Tells whether a text is a valid registry host with an optional port: dot-separated labels of letters,
    /// digits and inner hyphens, or an IPv6 literal in brackets (hexadecimal digits and colons only), then
    /// optionally <c>:</c> and decimal digits. Examples: <c>docker.io</c>, <c>127.0.0.1:5001</c>,
    /// <c>[::1]:5000</c>.
    /// </summary>
    /// <param name="host">The candidate host; null is invalid.</param>
    /// <returns>True when the host is valid.</returns>
    public static bool IsValidRegistryHost(string? host) => host is not null && CheckRegistryHost(host, 0) is null;

    internal static ReferenceError? CheckTag(ReadOnlySpan<char> tag, int offset)
    {
        if (tag.IsEmpty)
        {
            return new(offset, "the tag is empty; " + TagRule);
        }

        if (!IsWordCharacter(tag[0]))
        {
            return new(offset, $"the tag must start with a letter, digit or '_', not {Describe(tag[0])}; {TagRule}");
        }

        for (var i = 1; i < tag.Length; i++)
        {
            var c = tag[i];
            if (!IsWordCharacter(c) && c is not '.' and not '-')
            {
                return new(offset + i, $"the tag contains {Describe(c)}; {TagRule}");
            }
        }

        return tag.Length > MaxTagLength
            ? new(offset + MaxTagLength, $"the tag is {Count(tag.Length)} characters long, more than 128; {TagRule}")
            : null;
    }

    internal static ReferenceError? CheckRepository(ReadOnlySpan<char> path, int offset)
    {
        if (path.IsEmpty)
        {
            return new(offset, "the repository path is empty; " + PathRule);
        }

        var state = PathState.ComponentStart;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            var at = offset + i;
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c))
            {
                state = PathState.Alphanumeric;
                continue;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                return new(at, $"the repository name must be lowercase, not {Describe(c)}; {PathRule}");
            }

            PathState? next = (c, state) switch
            {
                ('/', PathState.Alphanumeric) => PathState.ComponentStart,
                ('.', PathState.Alphanumeric) => PathState.Dot,
                ('_', PathState.Alphanumeric) => PathState.Underscore,
                ('_', PathState.Underscore) => PathState.DoubleUnderscore,
                ('-', PathState.Alphanumeric or PathState.Dash) => PathState.Dash,
                _ => null,
            };
            if (next is null)
            {
                return new(at, DescribePathFault(c, state));
            }

            state = next.Value;
        }

        return state switch
        {
            PathState.Alphanumeric => null,
            PathState.ComponentStart => new(offset + path.Length - 1, "the repository path ends with '/'; " + PathRule),
            _ => new(
                offset + path.Length - 1,
                "a repository path component must end with a lowercase letter or digit; " + PathRule),
        };
    }

    internal static ReferenceError? CheckRegistryHost(ReadOnlySpan<char> host, int offset)
    {
        if (host.IsEmpty)
        {
            return new(offset, "the registry host is empty; " + HostRule);
        }

        var error = host[0] == '['
            ? ScanIpv6Literal(host, offset, out var end)
            : ScanDomainName(host, offset, out end);
        if (error is not null || end == host.Length)
        {
            return error;
        }

        if (host[end] != ':')
        {
            return new(offset + end, $"the registry host has {Describe(host[end])} after ']'; {HostRule}");
        }

        if (end + 1 == host.Length)
        {
            return new(offset + end, "the registry port after ':' is empty; a port is decimal digits");
        }

        for (var i = end + 1; i < host.Length; i++)
        {
            if (!char.IsAsciiDigit(host[i]))
            {
                return new(offset + i, $"the registry port contains {Describe(host[i])}; a port is decimal digits");
            }
        }

        return null;
    }

    internal static bool LooksLikeRegistry(ReadOnlySpan<char> firstComponent)
    {
        // The distribution project reads the first component as a registry only when it has a '.', a ':'
        // or an uppercase letter, or is exactly "localhost"; anything else is a Docker Hub namespace.
        return firstComponent.SequenceEqual("localhost")
            || firstComponent.IndexOfAny('.', ':') >= 0
            || firstComponent.IndexOfAnyInRange('A', 'Z') >= 0;
    }

    internal static string Describe(char c) =>
        c is > ' ' and < '\u007f'
            ? "'" + c + "'"
            : "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ReferenceError? ScanIpv6Literal(ReadOnlySpan<char> host, int offset, out int end)
    {
        var i = 1;
        while (i < host.Length && (char.IsAsciiHexDigit(host[i]) || host[i] == ':'))
        {
            i++;
        }

        end = i + 1;
        if (i == host.Length)
        {
            return new(offset + i - 1, "the IPv6 registry address has no closing ']'; " + HostRule);
        }

        if (host[i] != ']')
        {
            return new(
                offset + i,
                $"the IPv6 registry address contains {Describe(host[i])}; only hexadecimal digits and ':' may "
                + "stand between '[' and ']' (no zone such as %eth0, no embedded IPv4)");
        }

        return i == 1 ? new(offset + 1, "the IPv6 registry address between '[' and ']' is empty") : null;
    }

    private static ReferenceError? ScanDomainName(ReadOnlySpan<char> host, int offset, out int end)
    {
        var labelStart = 0;
        var i = 0;
        for (; i < host.Length && host[i] != ':'; i++)
        {
            var c = host[i];
            if (c == '.')
            {
                var fault = CheckLabelEnd(host, labelStart, i, offset);
                if (fault is not null)
                {
                    end = i;
                    return fault;
                }

                labelStart = i + 1;
            }
            else if (c == '-' ? i == labelStart : !char.IsAsciiLetterOrDigit(c))
            {
                end = i;
                return new(
                    offset + i,
                    c == '-'
                        ? "a registry host label must start with a letter or digit, not '-'; " + HostRule
                        : $"the registry host contains {Describe(c)}; {HostRule}");
            }
        }

        end = i;
        return CheckLabelEnd(host, labelStart, i, offset);
    }

    private static ReferenceError? CheckLabelEnd(ReadOnlySpan<char> host, int labelStart, int labelEnd, int offset)
    {
        if (labelEnd == labelStart)
        {
            return new(offset + labelEnd, "the registry host has an empty label; " + HostRule);
        }

        return host[labelEnd - 1] == '-'
            ? new(offset + labelEnd - 1, "a registry host label must end with a letter or digit, not '-'; " + HostRule)
            : null;
    }

    private static string DescribePathFault(char c, PathState state)
    {
        if (c is not ('/' or '.' or '_' or '-'))
        {
            return $"the repository path contains {Describe(c)}; {PathRule}";
        }

        return state switch
        {
            PathState.ComponentStart when c == '/' => "the repository path has an empty component; " + PathRule,
            PathState.ComponentStart =>
                $"a repository path component must start with a lowercase letter or digit, not '{c}'; {PathRule}",
            _ when c == '/' => "a repository path component must end with a lowercase letter or digit; " + PathRule,
            PathState.DoubleUnderscore when c == '_' =>
                "a repository path may not hold three '_' in a row; " + PathRule,
            _ => $"'{c}' may not follow another separator; between letters and digits put one '.', one or two '_', "
                + $"or any number of '-'; {PathRule}",
        };
    }

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

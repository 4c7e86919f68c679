using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Planton.Registry.Sdk.Connections;

/// <content>URL and host name rules shared by every provider.</content>
internal static partial class RegistryConnectionValidator
{
    /// <summary>The longest URL accepted; longer text is refused before it is parsed.</summary>
    private const int MaxUrlLength = 2048;

    /// <summary>The longest host name (253) plus a port.</summary>
    private const int MaxHostLength = 253 + 6;

    /// <summary>Which parts of a URL a field may have beyond scheme, host and port.</summary>
    private enum UrlParts
    {
        /// <summary>Scheme, host and port only (a trailing <c>/</c> is fine).</summary>
        Origin,

        /// <summary>Scheme, host, port and a path, without query or fragment.</summary>
        WithPath,
    }

    /// <summary>
    /// Checks a URL field: absolute, http or https, no user info, the allowed parts only, and plain http only
    /// to a loopback host unless the connection allows insecure http. A value that holds <c>@</c> is never quoted,
    /// since it may carry a password.
    /// </summary>
    private static void CheckUrl(
        string field,
        string? value,
        bool required,
        UrlParts parts,
        bool allowInsecureHttp,
        string example,
        List<ConfigurationProblem> problems)
    {
        if (!IsSet(value))
        {
            if (required)
            {
                problems.Add(new ConfigurationProblem(
                    field, $"is required; it must be an absolute https URL, e.g. {example}."));
            }

            return;
        }

        var reason = UrlProblem(value, parts, allowInsecureHttp);
        if (reason is null)
        {
            return;
        }

        // A URL may carry a secret in its user info or its query (presigned URLs, ?token=): echo neither.
        var query = value.IndexOfAny(['?', '#']);
        var shown = query < 0 ? value : value[..query] + "?...";
        var got = value.Contains('@', StringComparison.Ordinal) ? "." : $"; got {Quote(shown)}.";
        problems.Add(new ConfigurationProblem(field, $"{reason}, e.g. {example}{got}"));
    }

    private static string? UrlProblem(string value, UrlParts parts, bool allowInsecureHttp)
    {
        if (value.Length > MaxUrlLength
            || ContainsWhiteSpaceOrControl(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0)
        {
            return "must be an absolute http or https URL";
        }

        var isHttps = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        var isHttp = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
        if (!isHttps && !isHttp)
        {
            return "must use https (or http to a loopback host)";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not hold a user name or password; put credentials in their own fields";
        }

        if (value.Contains('?', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
        {
            return parts == UrlParts.Origin
                ? "must not have a path, query or fragment; give the scheme, host and optional port only"
                : "must not have a query or fragment";
        }

        if (parts == UrlParts.Origin && uri.AbsolutePath != "/")
        {
            return "must not have a path, query or fragment; give the scheme, host and optional port only";
        }

        if (isHttp && !allowInsecureHttp && !IsLoopback(uri))
        {
            return "uses plain http to a host that is not a loopback address; use https, "
                + "or set AllowInsecureHttp to true on the connection";
        }

        return null;
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    private static bool IsLoopback(Uri uri) => uri.HostNameType switch
    {
        UriHostNameType.Dns => string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase),
        UriHostNameType.IPv4 or UriHostNameType.IPv6 =>
            IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address),
        _ => false,
    };

    /// <summary>Checks a token endpoint URL: absolute https, or http to loopback or when allowed.</summary>
    /// <returns>What is wrong, or null. Never quotes the URL (it may come from inside a secret).</returns>
    private static string? TokenUriProblem(string value, bool allowInsecureHttp)
    {
        if (value.Length > MaxUrlLength
            || ContainsWhiteSpaceOrControl(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0
            || uri.UserInfo.Length > 0)
        {
            return "token_uri is not an absolute https URL";
        }

        if (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            return "token_uri is not an absolute https URL";
        }

        return allowInsecureHttp || IsLoopback(uri)
            ? null
            : "token_uri uses plain http to a host that is not a loopback address (set AllowInsecureHttp to allow it)";
    }

    /// <summary>
    /// A host name (DNS labels of letters, digits and inner hyphens), an IPv4 address or a bracketed IPv6
    /// address, with an optional <c>:port</c>; no scheme or path.
    /// </summary>
    private static bool IsHostWithOptionalPort(string value)
    {
        if (value.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        var text = value.AsSpan();
        if (text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0
                || !IPAddress.TryParse(text[1..close], out var address)
                || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            var after = text[(close + 1)..];
            return after.IsEmpty || (after[0] == ':' && IsPort(after[1..]));
        }

        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!IsPort(text[(colon + 1)..]))
            {
                return false;
            }

            text = text[..colon];
        }

        return IsDnsName(text);
    }

    private static bool IsDnsName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsPort(ReadOnlySpan<char> text) =>
        text.Length is > 0 and <= 5
        && !text.ContainsAnyExceptInRange('0', '9')
        && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is > 0 and <= 65535;
}

using System.Text;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>Formats the allow-listed response headers for the debug log; any other header is never logged.</summary>
internal static class HttpLogFormatter
{
    /// <summary>The only headers that reach a log. <c>Location</c> is logged without its query.</summary>
    public static readonly IReadOnlyList<string> LoggedHeaders =
    [
        "Content-Type", "Content-Length", "Docker-Content-Digest", "Docker-Upload-UUID", "Range",
        "OCI-Chunk-Min-Length", "Location",
    ];

    public static string FormatHeaders(HttpResponseMessage response)
    {
        var builder = new StringBuilder();
        foreach (var name in LoggedHeaders)
        {
            string? value;
            if (name == "Location")
            {
                value = response.Headers.Location is { } location ? WithoutQuery(location).ToString() : null;
            }
            else if (response.Headers.NonValidated.TryGetValues(name, out var values)
                || response.Content.Headers.NonValidated.TryGetValues(name, out values))
            {
                value = values.ToString();
            }
            else
            {
                value = null;
            }

            if (value is not null)
            {
                builder.Append(builder.Length == 0 ? string.Empty : "; ").Append(name).Append('=').Append(value);
            }
        }

        return builder.ToString();
    }

    /// <summary>Drops query, fragment and user info; keeps relative URIs' path only.</summary>
    public static Uri WithoutQuery(Uri uri)
    {
        if (uri.IsAbsoluteUri)
        {
            return RegistryRequestFailedException.StripQuery(uri);
        }

        var text = uri.OriginalString;
        var cut = text.IndexOfAny(['?', '#']);
        return cut < 0 ? uri : new Uri(text[..cut], UriKind.Relative);
    }
}

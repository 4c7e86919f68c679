namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>
/// A request as AWS Signature Version 4 sees it: the method, the path and query exactly as they go on the wire,
/// the headers to sign in the order they are sent, and the hex SHA-256 of the body.
/// </summary>
internal sealed class SigV4Request
{
    public SigV4Request(
        string method,
        string path,
        string query,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string payloadHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrEmpty(payloadHash);
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        PayloadHash = payloadHash;
    }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path as sent on the request line (already percent-encoded once when it goes over HTTP).</summary>
    public string Path { get; }

    /// <summary>The query as sent, without the leading <c>?</c>; empty for none.</summary>
    public string Query { get; }

    /// <summary>
    /// Every header to sign, in the order sent; a name may repeat, and the values of a repeated name are joined
    /// with commas in that order.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The lowercase hex SHA-256 of the body (of the empty string when there is none).</summary>
    public string PayloadHash { get; }
}

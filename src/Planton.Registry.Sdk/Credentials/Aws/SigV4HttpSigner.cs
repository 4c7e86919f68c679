using System.Globalization;

namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>Signs an <see cref="HttpRequestMessage"/> in place with <see cref="SigV4Signer"/>.</summary>
internal static class SigV4HttpSigner
{
    /// <summary>
    /// Adds <c>X-Amz-Date</c> and <c>Authorization</c>, signing <c>host</c> (as HttpClient will send it),
    /// <c>x-amz-date</c>, the content type and every <c>x-amz-*</c> header already on the request.
    /// </summary>
    public static SigV4Signature Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> body,
        string accessKeyId,
        Secret secretAccessKey,
        string region,
        string service,
        DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var timestamp = time.ToUniversalTime().ToString(SigV4Signer.TimestampFormat, CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", timestamp);

        var headers = new List<KeyValuePair<string, string>> { new("host", uri.Authority) };
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        var query = uri.Query.Length > 0 ? uri.Query[1..] : string.Empty;
        var signature = SigV4Signer.Sign(
            new SigV4Request(request.Method.Method, uri.AbsolutePath, query, headers, SigV4Signer.HexSha256(body)),
            accessKeyId,
            secretAccessKey,
            region,
            service,
            time);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return signature;
    }
}

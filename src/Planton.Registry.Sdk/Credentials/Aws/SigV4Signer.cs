using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>
/// AWS Signature Version 4 for services other than S3
/// (<see href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html"/>): the canonical
/// request with a normalised path encoded once more than on the wire, the string to sign, the signing key derived
/// from the secret by the HMAC chain over date, region and service, and the <c>Authorization</c> header. Proven
/// against every case of the AWS test suite in <c>../shared/testdata/sigv4</c>.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The algorithm name that starts the string to sign and the header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The format of the <c>X-Amz-Date</c> header.</summary>
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    private const string Terminator = "aws4_request";

    /// <summary>Signs a request.</summary>
    /// <param name="request">The request, with every header to sign (including <c>host</c> and
    /// <c>x-amz-date</c>).</param>
    /// <param name="accessKeyId">The access key id that names the key.</param>
    /// <param name="secretAccessKey">The secret access key; used for the HMAC chain only.</param>
    /// <param name="region">The signing region, such as <c>us-east-1</c>.</param>
    /// <param name="service">The signing name of the service, such as <c>ecr</c>.</param>
    /// <param name="time">The request time; must equal the <c>x-amz-date</c> header.</param>
    public static SigV4Signature Sign(
        SigV4Request request,
        string accessKeyId,
        Secret secretAccessKey,
        string region,
        string service,
        DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(request.Headers);
        var canonicalRequest = string.Join(
            '\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.Path),
            CanonicalQuery(request.Query),
            canonicalHeaders,
            signedHeaders,
            request.PayloadHash);

        var utc = time.ToUniversalTime();
        var date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{service}/{Terminator}";
        var stringToSign = string.Join(
            '\n',
            Algorithm,
            utc.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            scope,
            HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = DeriveSigningKey(secretAccessKey, date, region, service);
        string signature;
        try
        {
            signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var authorization =
            $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// The derived signing key: HMAC-SHA256 chained over the date, region, service and <c>aws4_request</c>, starting
    /// from <c>AWS4</c> + the secret. The caller zeroes the result.
    /// </summary>
    internal static byte[] DeriveSigningKey(Secret secretAccessKey, string date, string region, string service)
    {
        var seed = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey.Reveal());
        try
        {
            var key = HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(date));
            foreach (var part in new[] { region, service, Terminator })
            {
                var next = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
                CryptographicOperations.ZeroMemory(key);
                key = next;
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>
    /// The canonical URI: the wire path with empty, <c>.</c> and <c>..</c> segments resolved (RFC 3986 §5.2.4),
    /// then every byte outside the unreserved set and <c>/</c> percent-encoded, which encodes an
    /// already-encoded path a second time as non-S3 services expect.
    /// </summary>
    internal static string CanonicalUri(string path)
    {
        var segments = new List<string>();
        var parts = path.Split('/');
        var trailingSlash = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            switch (part)
            {
                case "":
                    trailingSlash = last && i > 0;
                    break;
                case ".":
                    trailingSlash = last;
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    trailingSlash = last;
                    break;
                default:
                    segments.Add(part);
                    trailingSlash = false;
                    break;
            }
        }

        if (segments.Count == 0)
        {
            return "/";
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append('/');
            Encode(segment, builder);
        }

        if (trailingSlash)
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical query: each parameter decoded, then encoded with the unreserved set kept, sorted by name and
    /// then value (ordinal), joined with <c>&amp;</c>; a parameter without <c>=</c> gets an empty value.
    /// </summary>
    internal static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var piece in query.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? piece : piece[..equals];
            var value = equals < 0 ? string.Empty : piece[(equals + 1)..];
            pairs.Add((EncodeComponent(Uri.UnescapeDataString(name)), EncodeComponent(Uri.UnescapeDataString(value))));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>
    /// The canonical headers block (each <c>name:value</c> line ending in a newline) and the signed header names:
    /// names lowercased and sorted, values trimmed with inner runs of white space collapsed to one space, the values
    /// of a repeated name joined with commas in the order sent.
    /// </summary>
    internal static (string Canonical, string Signed) CanonicalHeaders(
        IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(key, out var values))
            {
                values = [];
                byName.Add(key, values);
            }

            values.Add(CollapseWhiteSpace(value));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in byName)
        {
            canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', byName.Keys));
    }

    private static string CollapseWhiteSpace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string EncodeComponent(string value)
    {
        var builder = new StringBuilder(value.Length);
        Encode(value, builder);
        return builder.ToString();
    }

    /// <summary>Percent-encodes the UTF-8 bytes of <paramref name="value"/> outside A–Z, a–z, 0–9, '-', '.', '_',
    /// '~'.</summary>
    private static void Encode(string value, StringBuilder builder)
    {
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), buffer)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), buffer);
            foreach (var b in buffer[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}

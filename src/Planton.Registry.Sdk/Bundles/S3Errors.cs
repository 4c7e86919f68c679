using System.Net;
using Amazon.Runtime;

namespace Planton.Registry.Sdk.Bundles;

/// <summary>
/// Turns AWSSDK.S3 failures into the SDK's exceptions. Messages name the operation, the key, the bucket and the
/// endpoint host; never a key secret, a signature or a presigned URL.
/// </summary>
internal static class S3Errors
{
    private static readonly HashSet<string> s_authenticationCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId",
        "InvalidToken",
        "ExpiredToken",
        "InvalidSecurity",
        "AuthorizationHeaderMalformed",
        "Unauthorized",
    };

    /// <summary>True for the failures <see cref="Map"/> knows how to explain.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether to map it.</returns>
    public static bool IsMappable(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
            or TimeoutException or TaskCanceledException;

    /// <summary>Maps a failure of one request.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="bucketUri">The bucket's path-style URI.</param>
    /// <param name="key">The object key, or an empty string for a bucket request.</param>
    /// <param name="bucket">The bucket's name.</param>
    /// <param name="host">The endpoint's host.</param>
    /// <returns>
    /// <see cref="RegistryAuthenticationException"/> for 401, 403 and the S3 credential error codes;
    /// <see cref="RegistryRequestFailedException"/> otherwise (status null when no response arrived).
    /// </returns>
    public static RegistryException Map(
        Exception exception, string method, Uri bucketUri, string key, string bucket, string host)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var uri = BundleKeys.ObjectUri(bucketUri, key);
        if (exception is AmazonServiceException service && (int)service.StatusCode != 0)
        {
            var code = string.IsNullOrEmpty(service.ErrorCode) ? service.StatusCode.ToString() : service.ErrorCode;
            if (service.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || s_authenticationCodes.Contains(code))
            {
                return new RegistryAuthenticationException(
                    $"R2 at {host} refused {method} {uri.AbsolutePath} in bucket '{bucket}': {code} "
                    + $"({(int)service.StatusCode}). Check the access key id, the secret access key (the SHA-256 of "
                    + "the API token's value) and the token's permissions on this bucket.",
                    service);
            }

            var detail = service.StatusCode == HttpStatusCode.NotFound && code == "NoSuchBucket"
                ? $"The bucket '{bucket}' does not exist at {host}."
                : $"R2 at {host} failed the request.";
            return new RegistryRequestFailedException(
                method, uri, service.StatusCode, [new OciError(code, Trim(service.Message))], detail, service);
        }

        return new RegistryRequestFailedException(
            method, uri, null, [], $"Could not reach R2 at {host}: {Trim(exception.Message)}", exception);
    }

    private static string Trim(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "(no message)";
        }

        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}

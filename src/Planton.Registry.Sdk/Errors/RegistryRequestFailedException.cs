using System.Net;

namespace Planton.Registry.Sdk;

/// <summary>
/// A registry answered a request with a failure status. Carries the status, the OCI error codes of the
/// body's <c>errors[]</c>, the method and the URI without its query (presigned URLs carry secrets there).
/// </summary>
public class RegistryRequestFailedException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The HTTP method of the failed request.</param>
    /// <param name="uri">The request URI; its query and user info are dropped before they are kept.</param>
    /// <param name="statusCode">The status the registry answered with, or null when no response arrived.</param>
    /// <param name="errors">The OCI errors parsed from the body, possibly empty.</param>
    /// <param name="detail">A short explanation to lead the message with, or null.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    public RegistryRequestFailedException(
        string method,
        Uri uri,
        HttpStatusCode? statusCode,
        IReadOnlyList<OciError> errors,
        string? detail = null,
        Exception? innerException = null)
        : base(BuildMessage(method, StripQuery(uri), statusCode, errors, detail), innerException)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Method = method;
        RequestUri = StripQuery(uri);
        StatusCode = statusCode;
        Errors = errors;
    }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The request URI without query or user info.</summary>
    public Uri RequestUri { get; }

    /// <summary>The response status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OCI errors of the response body.</summary>
    public IReadOnlyList<OciError> Errors { get; }

    /// <summary>True when the registry said that the repository, manifest or blob does not exist.</summary>
    public bool IsNotFound =>
        StatusCode == HttpStatusCode.NotFound
        || Errors.Any(e => e.Code is "NAME_UNKNOWN" or "MANIFEST_UNKNOWN" or "BLOB_UNKNOWN");

    internal static Uri StripQuery(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return uri;
        }

        var builder = new UriBuilder(uri)
        {
            Query = string.Empty,
            Fragment = string.Empty,
            UserName = string.Empty,
            Password = string.Empty,
        };
        return builder.Uri;
    }

    private static string BuildMessage(
        string method, Uri uri, HttpStatusCode? status, IReadOnlyList<OciError> errors, string? detail)
    {
        var text = detail is null ? string.Empty : detail + " ";
        text += status is null
            ? $"{method} {uri} failed without a response."
            : $"{method} {uri} failed with {(int)status} {status}.";
        foreach (var error in errors.Take(5))
        {
            text += $" {error.Code}: {error.Message}";
        }

        return text;
    }
}

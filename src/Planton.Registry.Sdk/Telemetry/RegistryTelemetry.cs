using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Planton.Registry.Sdk.Telemetry;

/// <summary>
/// The SDK's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="PlantonRegistryTelemetry.ActivitySourceName"/>, and their instruments. Static, as
/// <c>System.Diagnostics</c> sources are meant to be: a listener picks them by name. An instrument nobody listens to
/// costs a branch.
/// </summary>
internal static class RegistryTelemetry
{
    /// <summary>Bucket bounds for durations in seconds: a cached token exchange up to a long push.</summary>
    private static readonly double[] s_durationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private static readonly string? s_version = typeof(RegistryTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(PlantonRegistryTelemetry.ActivitySourceName, s_version);

    public static readonly Meter Meter = new(PlantonRegistryTelemetry.MeterName, s_version);

    public static readonly Counter<long> BytesUploaded = Meter.CreateCounter<long>(
        TelemetryNames.BytesUploaded, "By", "Blob bytes sent to registries, bytes sent again by retries included.");

    public static readonly Counter<long> BytesDownloaded = Meter.CreateCounter<long>(
        TelemetryNames.BytesDownloaded, "By", "Blob bytes received from registries.");

    public static readonly Counter<long> Blobs = Meter.CreateCounter<long>(
        TelemetryNames.Blobs, "{blob}", "Blobs a push or pull dealt with, by what became of them.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        TelemetryNames.Retries, "{retry}", "Requests sent again and uploads resumed after a transient failure.");

    public static readonly Histogram<double> PushDuration = Duration(
        TelemetryNames.PushDuration, "How long an image push took, blobs and manifests.");

    public static readonly Histogram<double> PullDuration = Duration(
        TelemetryNames.PullDuration, "How long an image pull took, manifests and blobs.");

    public static readonly Histogram<double> CredentialExchangeDuration = Duration(
        TelemetryNames.CredentialExchangeDuration, "How long a cloud credential exchange took.");

    /// <summary>
    /// Counts a request the resilience pipeline sends again, after <paramref name="response"/>'s status or after
    /// <paramref name="exception"/>.
    /// </summary>
    public static void RecordRequestRetry(
        HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception) =>
        RecordRetry(
            TelemetryTags.RetryRequest,
            request?.RequestUri,
            request?.Method.Method ?? string.Empty,
            response?.StatusCode,
            response is null ? exception : null);

    /// <summary>Counts the resume of an upload that <paramref name="interruption"/> broke off.</summary>
    public static void RecordUploadResume(RegistryRequestFailedException interruption)
    {
        ArgumentNullException.ThrowIfNull(interruption);
        RecordRetry(
            TelemetryTags.RetryUploadResume,
            interruption.RequestUri,
            interruption.Method,
            interruption.StatusCode,
            interruption.StatusCode is null ? interruption.InnerException ?? interruption : null);
    }

    /// <summary>
    /// Counts one retry: a request sent again (<paramref name="kind"/> <see cref="TelemetryTags.RetryRequest"/>) or
    /// an interrupted upload resumed (<see cref="TelemetryTags.RetryUploadResume"/>). Only the host of
    /// <paramref name="requestUri"/> is kept.
    /// </summary>
    /// <param name="kind">What is retried.</param>
    /// <param name="requestUri">The request that failed; may be null.</param>
    /// <param name="method">Its HTTP method.</param>
    /// <param name="status">The status that caused the retry, or null when there was no response.</param>
    /// <param name="exception">The exception that caused the retry, or null; only its type name is kept.</param>
    public static void RecordRetry(
        string kind, Uri? requestUri, string method, HttpStatusCode? status, Exception? exception)
    {
        if (!Retries.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryTags.RetryKind, kind },
            { TelemetryTags.HttpMethod, method },
        };
        if (requestUri is { IsAbsoluteUri: true })
        {
            tags.Add(TelemetryTags.ServerAddress, requestUri.IsDefaultPort ? requestUri.Host : requestUri.Authority);
        }

        if (status is { } code)
        {
            tags.Add(TelemetryTags.HttpStatusCode, (int)code);
        }

        if (exception is not null)
        {
            tags.Add(TelemetryTags.ErrorType, ErrorType(exception));
        }

        Retries.Add(1, tags);
    }

    /// <summary>The outcome tag of an operation that threw <paramref name="exception"/>.</summary>
    public static string OutcomeOf(Exception exception) =>
        exception is OperationCanceledException ? TelemetryTags.Cancelled : TelemetryTags.Failure;

    /// <summary>The <c>error.type</c> of an exception: its type's full name, never its message.</summary>
    public static string ErrorType(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>Marks a span as failed by <paramref name="exception"/>, without its message.</summary>
    public static void SetFailure(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        var outcome = OutcomeOf(exception);
        activity.SetTag(TelemetryTags.Outcome, outcome);
        activity.SetTag(TelemetryTags.ErrorType, ErrorType(exception));
        activity.SetStatus(ActivityStatusCode.Error, outcome);
    }

    private static Histogram<double> Duration(string name, string description) =>
        Meter.CreateHistogram(
            name,
            "s",
            description,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
}

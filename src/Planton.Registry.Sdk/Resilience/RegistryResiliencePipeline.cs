using System.Net;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Telemetry;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// The Polly pipeline every registry and token-service request goes through (see
/// <see cref="RegistryResilienceHandler"/>): a total timeout, then retries with jittered exponential backoff or the
/// server's capped <c>Retry-After</c>, then a per-attempt timeout. Built once from
/// <see cref="RegistryResilienceOptions"/>; time comes from the given <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RegistryResiliencePipeline
{
    /// <summary>The request an execution sends, for the predicates and the log.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Planton.Registry.Request");

    /// <summary>How many retries an execution has made so far.</summary>
    public static readonly ResiliencePropertyKey<int> RetriesKey = new("Planton.Registry.Retries");

    private readonly TimeProvider _timeProvider;

    public RegistryResiliencePipeline(RegistryResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var failures = RegistryResilienceOptionsValidator.Failures(options);
        if (failures.Count > 0)
        {
            throw new RegistryConfigurationException(RegistryResilienceOptions.SectionName, string.Join(" ", failures));
        }

        Options = options;
        Logger = logger;
        _timeProvider = timeProvider;
        Pipeline = Build();
    }

    public RegistryResilienceOptions Options { get; }

    public ILogger Logger { get; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>A new handler over this pipeline, for one <see cref="HttpClient"/> handler chain.</summary>
    public RegistryResilienceHandler CreateHandler() => new(this);

    /// <summary>
    /// True when the request may be sent again as it is: it has no body or an in-memory one. A body streamed from a
    /// file (a blob upload) is not.
    /// </summary>
    public static bool CanReplay(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;
    }

    /// <summary>The statuses worth another attempt: 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    /// <summary>Exceptions that mean the connection failed or the attempt timed out, not a refusal.</summary>
    public static bool IsTransient(Exception exception) =>
        exception switch
        {
            HttpRequestException http => http.HttpRequestError is not (HttpRequestError.SecureConnectionError
                or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.UserAuthenticationError),
            IOException or TimeoutRejectedException => true,
            _ => false,
        };

    /// <summary>A short reason for the log: the status, or the exception type and its error kind.</summary>
    public static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception switch
        {
            HttpRequestException http => $"{nameof(HttpRequestException)} {http.HttpRequestError}",
            { } other => other.GetType().Name,
            null => $"{(int)outcome.Result!.StatusCode} {outcome.Result.StatusCode}",
        };

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalRequestTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(
                IsStreamed(args.Context) ? Timeout.InfiniteTimeSpan : Options.TotalRequestTimeout),
        });
        if (Options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = Options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Options.BaseDelay,
                MaxDelay = Options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome)),
                OnRetry = args =>
                {
                    OnRetry(args);
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(
                IsStreamed(args.Context) ? Options.BlobTransferTimeout : Options.AttemptTimeout),
        });
        return builder.Build();
    }

    private static bool IsStreamed(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request) && !CanReplay(request);

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (context.CancellationToken.IsCancellationRequested
            || !context.Properties.TryGetValue(RequestKey, out var request)
            || !CanReplay(request))
        {
            return false;
        }

        return outcome.Exception is { } exception
            ? IsTransient(exception)
            : outcome.Result is { } response && IsTransient(response.StatusCode);
    }

    private TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? RetryAfter.Delay(response, _timeProvider.GetUtcNow(), Options.MaxRetryAfter)
            : null;

    private void OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        var retries = args.Context.Properties.GetValue(RetriesKey, 0) + 1;
        args.Context.Properties.Set(RetriesKey, retries);
        args.Context.Properties.TryGetValue(RequestKey, out var retried);
        RegistryTelemetry.RecordRequestRetry(retried, args.Outcome.Result, args.Outcome.Exception);
        if (Logger.IsEnabled(LogLevel.Debug) && args.Context.Properties.TryGetValue(RequestKey, out var request))
        {
            ResilienceLog.Retrying(
                Logger,
                request.Method.Method,
                RegistryRequestFailedException.StripQuery(request.RequestUri!),
                Reason(args.Outcome),
                args.AttemptNumber + 1,
                Options.MaxRetryAttempts,
                args.RetryDelay.TotalMilliseconds);
        }
    }
}

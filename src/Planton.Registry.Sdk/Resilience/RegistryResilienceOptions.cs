namespace Planton.Registry.Sdk.Resilience;

/// <summary>
/// How every registry and token-service request survives flaky networks and throttling: retries of 408, 429, 500,
/// 502, 503 and 504 answers and of dropped connections with jittered exponential backoff (or the server's
/// <c>Retry-After</c>, capped), a timeout per attempt and per request, and how often an interrupted blob upload is
/// resumed. Bound from <c>PlantonRegistries:Resilience</c> and validated when the host starts.
/// </summary>
/// <remarks>
/// Only requests whose body can be sent again are retried: those without a body and those with an in-memory body
/// (manifests, token forms, empty upload POSTs and PUTs). A blob body streamed from a file is never replayed by the
/// retry; an interrupted blob upload asks the registry how far it got and continues from there.
/// </remarks>
public sealed class RegistryResilienceOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "PlantonRegistries:Resilience";

    /// <summary>The most retries allowed by validation.</summary>
    public const int MaxRetryAttemptsLimit = 10;

    /// <summary>The most upload resumes allowed by validation.</summary>
    public const int MaxUploadResumesLimit = 20;

    /// <summary>Retries after the first attempt; 0 to 10, default 4. 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>
    /// The delay before the first retry when the server sends no <c>Retry-After</c>; it doubles with each retry and
    /// is jittered. 0 to 1 minute, default 1 second.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest backoff delay; at least <see cref="BaseDelay"/>, at most 10 minutes, default 30 s.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a <c>Retry-After</c> header (seconds or an HTTP date) may ask for; a longer one is cut to
    /// this. 0 to 10 minutes, default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one attempt may take until the response headers arrive, for requests without a streamed blob body.
    /// 1 second to 1 hour, default 100 s.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long one request may take with all its retries and their delays, for requests without a streamed blob
    /// body. Longer than <see cref="AttemptTimeout"/>, at most 1 day, default 10 minutes.
    /// </summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one blob upload request (a monolithic <c>PUT</c> or a chunk <c>PATCH</c>) may take to send its body
    /// and get an answer. 1 second to 7 days, default 1 hour.
    /// </summary>
    public TimeSpan BlobTransferTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many times in a row one blob upload is resumed (or restarted, when the registry has forgotten it) without
    /// getting further, after its connection broke or the registry failed it with a transient status; a resume that
    /// moves the upload on starts the count again. 0 to 20, default 5. 0 fails the push at the first interruption.
    /// </summary>
    public int MaxUploadResumes { get; set; } = 5;

    /// <summary>Shows the settings; they hold no secret.</summary>
    /// <returns>The settings as text.</returns>
    public override string ToString() =>
        $"MaxRetryAttempts={MaxRetryAttempts}, BaseDelay={BaseDelay}, MaxDelay={MaxDelay}, "
        + $"MaxRetryAfter={MaxRetryAfter}, AttemptTimeout={AttemptTimeout}, TotalRequestTimeout={TotalRequestTimeout}, "
        + $"BlobTransferTimeout={BlobTransferTimeout}, MaxUploadResumes={MaxUploadResumes}";
}

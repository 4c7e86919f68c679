namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>What the fault proxy does to one request.</summary>
internal enum FaultKind
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Answered 500 by the proxy; the registry never sees it.</summary>
    InternalServerError,

    /// <summary>Answered 503 by the proxy.</summary>
    ServiceUnavailable,

    /// <summary>Answered 429 with <c>Retry-After: 1</c> by the proxy.</summary>
    TooManyRequests,

    /// <summary>
    /// The connection is cut: a request with a body after half of it went on to the registry; a request without
    /// one after the registry answered, so the answer is lost.
    /// </summary>
    Drop,

    /// <summary>Forwarded after a pause.</summary>
    Delay,
}

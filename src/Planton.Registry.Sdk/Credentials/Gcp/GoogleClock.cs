using Google.Apis.Util;

namespace Planton.Registry.Sdk.Credentials.Gcp;

/// <summary>Google's clock abstraction over <see cref="TimeProvider"/>, so that assertions and expiry use one
/// clock.</summary>
internal sealed class GoogleClock : IClock
{
    private readonly TimeProvider _timeProvider;

    public GoogleClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public DateTime Now => _timeProvider.GetLocalNow().DateTime;

    public DateTime UtcNow => _timeProvider.GetUtcNow().UtcDateTime;
}

using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>A bearer token and the moment after which it is no longer handed out.</summary>
internal sealed class CachedToken
{
    public CachedToken(Secret token, DateTimeOffset refreshAt)
    {
        Token = token;
        RefreshAt = refreshAt;
    }

    public Secret Token { get; }

    /// <summary>Shortly before the token service said the token expires.</summary>
    public DateTimeOffset RefreshAt { get; }

    public override string ToString() => $"*** (until {RefreshAt:O})";
}

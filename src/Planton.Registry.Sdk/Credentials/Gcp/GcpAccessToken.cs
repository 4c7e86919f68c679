namespace Planton.Registry.Sdk.Credentials.Gcp;

/// <summary>An OAuth2 access token and when it expires.</summary>
internal sealed class GcpAccessToken
{
    public GcpAccessToken(Secret accessToken, DateTimeOffset expiresOn)
    {
        AccessToken = accessToken;
        ExpiresOn = expiresOn;
    }

    /// <summary>The token, sent as the registry password of <c>oauth2accesstoken</c>.</summary>
    public Secret AccessToken { get; }

    /// <summary>When the token stops working (about an hour after issue).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Shows the expiry only.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"access token *** (expires {ExpiresOn:O})";
}

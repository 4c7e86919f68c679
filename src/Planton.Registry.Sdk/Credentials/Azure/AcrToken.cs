namespace Planton.Registry.Sdk.Credentials.Azure;

/// <summary>An ACR refresh or access token and when it expires.</summary>
internal sealed class AcrToken
{
    public AcrToken(Secret token, DateTimeOffset expiresOn)
    {
        Token = token;
        ExpiresOn = expiresOn;
    }

    /// <summary>The token.</summary>
    public Secret Token { get; }

    /// <summary>When the token stops working: its JWT <c>exp</c>, or the Entra token's expiry when it has
    /// none.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Shows the expiry only.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ACR token *** (expires {ExpiresOn:O})";
}

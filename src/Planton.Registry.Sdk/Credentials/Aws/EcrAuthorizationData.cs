namespace Planton.Registry.Sdk.Credentials.Aws;

/// <summary>One entry of <c>GetAuthorizationToken</c>'s <c>authorizationData</c>, decoded.</summary>
internal sealed class EcrAuthorizationData
{
    public EcrAuthorizationData(string username, Secret password, DateTimeOffset expiresOn, Uri? proxyEndpoint)
    {
        Username = username;
        Password = password;
        ExpiresOn = expiresOn;
        ProxyEndpoint = proxyEndpoint;
    }

    /// <summary>The user name before the colon of the decoded token (always <c>AWS</c>).</summary>
    public string Username { get; }

    /// <summary>The registry password after the colon.</summary>
    public Secret Password { get; }

    /// <summary>When the password stops working (<c>expiresAt</c>; 12 hours after issue).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>The registry endpoint ECR names (<c>proxyEndpoint</c>), or null when it names none.</summary>
    public Uri? ProxyEndpoint { get; }

    /// <summary>Shows the user, expiry and endpoint; never the password.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{Username}:*** (expires {ExpiresOn:O}, {ProxyEndpoint})";
}

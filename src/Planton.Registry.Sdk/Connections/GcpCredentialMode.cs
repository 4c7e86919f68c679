namespace Planton.Registry.Sdk.Connections;

/// <summary>What a GCP Artifact Registry connection hands to build tools.</summary>
public enum GcpCredentialMode
{
    /// <summary>A short-lived OAuth2 access token, user name <c>oauth2accesstoken</c>.</summary>
    AccessToken = 1,

    /// <summary>
    /// The service-account key itself, user name <c>_json_key_base64</c>, for jobs that outlive a token.
    /// </summary>
    JsonKey,
}

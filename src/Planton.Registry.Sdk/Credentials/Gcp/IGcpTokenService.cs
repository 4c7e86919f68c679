namespace Planton.Registry.Sdk.Credentials.Gcp;

/// <summary>
/// Google's OAuth2 JWT-bearer grant for a service-account key: an RS256 assertion with scope
/// <c>cloud-platform</c>, sent to the key's own <c>token_uri</c>, traded for an access token. A seam, so that tests
/// can put a verifying fake behind it and another client could implement it.
/// </summary>
internal interface IGcpTokenService
{
    /// <summary>Gets a new access token for the key.</summary>
    /// <exception cref="RegistryAuthenticationException">Google's token service refused the key.</exception>
    /// <exception cref="RegistryRequestFailedException">The token service failed otherwise, or could not be
    /// reached.</exception>
    Task<GcpAccessToken> GetAccessTokenAsync(GcpServiceAccountKey key, CancellationToken cancellationToken = default);
}

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// Gives the credential a registry accepts for a scope. Static sources hand back what the connection holds;
/// exchanging sources (GCP, ECR, Azure service principals) mint short-lived credentials at the provider's
/// token service and cache them until shortly before they expire.
/// </summary>
public interface IRegistryCredentialSource
{
    /// <summary>Gets a credential for <paramref name="scope"/>.</summary>
    /// <param name="scope">The registry, repository and access needed.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The credential, or null to talk to the registry anonymously.</returns>
    /// <exception cref="RegistryAuthenticationException">The provider's token service refused the connection's
    /// secret.</exception>
    ValueTask<RegistryCredential?> GetCredentialAsync(
        RegistryScope scope,
        CancellationToken cancellationToken = default);
}

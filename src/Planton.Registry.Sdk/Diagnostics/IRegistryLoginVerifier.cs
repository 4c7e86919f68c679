using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// Checks a credential against its registry before a login stores it, as <c>docker login</c> does: the registry's
/// <c>GET /v2/</c> with the credential (Basic), or after a registry-wide token from the realm the registry names
/// (Bearer).
/// </summary>
internal interface IRegistryLoginVerifier
{
    /// <summary>Checks <paramref name="credential"/> against the provider's registry.</summary>
    /// <exception cref="RegistryAuthenticationException">The registry or its token service refused it.</exception>
    /// <exception cref="RegistryRequestFailedException">The registry or its token service could not be reached or
    /// failed.</exception>
    Task VerifyLoginAsync(
        IRegistryProvider provider, RegistryCredential credential, CancellationToken cancellationToken = default);
}

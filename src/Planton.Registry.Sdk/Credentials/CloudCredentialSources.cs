using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>The cloud token exchanges of this build: none yet, so each says so when asked for a credential.</summary>
internal sealed class CloudCredentialSources : ICloudCredentialSources
{
    public IRegistryCredentialSource ForGcp(RegistryConnectionOptions connection) =>
        new UnavailableExchange("the GCP service-account token exchange (use CredentialMode JsonKey)");

    public IRegistryCredentialSource ForEcr(RegistryConnectionOptions connection) =>
        new UnavailableExchange("the ECR GetAuthorizationToken exchange");

    public IRegistryCredentialSource ForAcrServicePrincipal(RegistryConnectionOptions connection) =>
        new UnavailableExchange("the Azure service-principal exchange (use an admin user or repository token)");

    private sealed class UnavailableExchange(string what) : IRegistryCredentialSource
    {
        public ValueTask<RegistryCredential?> GetCredentialAsync(
            RegistryScope scope, CancellationToken cancellationToken = default) =>
            throw new RegistryAuthenticationException($"This build of the SDK does not include {what}.");
    }
}

using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Credentials;

/// <summary>
/// Makes the credential sources of connections whose registry credentials come from a cloud token exchange:
/// a GCP service-account key traded for an access token, AWS keys traded for an ECR authorization token, an
/// Azure service principal traded for an ACR refresh token. Each cloud's API sits behind its own seam below
/// this one, so that an official client can replace it without touching callers.
/// </summary>
internal interface ICloudCredentialSources
{
    IRegistryCredentialSource ForGcp(RegistryConnectionOptions connection);

    IRegistryCredentialSource ForEcr(RegistryConnectionOptions connection);

    IRegistryCredentialSource ForAcrServicePrincipal(RegistryConnectionOptions connection);
}

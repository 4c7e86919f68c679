using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Providers.Azure;

/// <summary>
/// Azure Container Registry (PROVIDERS.md §3.3): <c>{name}.azurecr.io/{image}</c> (lowercase), or the configured
/// login server. An admin user or repository-scoped token logs in with Basic; a service principal through the
/// Entra exchange.
/// </summary>
internal sealed class AcrRegistryProvider : RegistryProviderBase
{
    /// <summary>The user name docker uses with an ACR refresh token.</summary>
    public const string RefreshTokenUsername = "00000000-0000-0000-0000-000000000000";

    public AcrRegistryProvider(RegistryConnectionOptions connection, IRegistryCredentialSource credentials)
        : this(connection, connection.AzureContainerRegistry!, credentials)
    {
    }

    private AcrRegistryProvider(
        RegistryConnectionOptions connection,
        AzureContainerRegistryOptions options,
        IRegistryCredentialSource credentials)
        : base(
            connection,
            RegistryProviderKind.AzureContainerRegistry,
            ArtifactFormat.Docker,
            ToBaseUri(options.RegistryUrl) ?? HttpsHost(LoginServerFor(options)),
            credentials)
    {
        Options = options;
    }

    public AzureContainerRegistryOptions Options { get; }

    /// <summary>True when the connection holds a service principal rather than a user name and password.</summary>
    public static bool UsesServicePrincipal(AzureContainerRegistryOptions options) =>
        !string.IsNullOrWhiteSpace(options.ClientId);

    /// <summary>The login server: <c>LoginServer</c> when set, else <c>{name}.azurecr.io</c>, lowercase.</summary>
    public static string LoginServerFor(AzureContainerRegistryOptions options) =>
        (string.IsNullOrWhiteSpace(options.LoginServer)
            ? options.RegistryName!.Trim() + ".azurecr.io"
            : options.LoginServer.Trim()).ToLowerInvariant();

    /// <summary>The credential of an admin user or repository-scoped token.</summary>
    public static RegistryCredential BasicCredential(AzureContainerRegistryOptions options) =>
        new(options.Username!.Trim(), options.Password!);
}

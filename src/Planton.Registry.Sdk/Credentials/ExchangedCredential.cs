namespace Planton.Registry.Sdk.Credentials;

/// <summary>What a cloud token exchange hands back: the registry credential and, for ECR, the registry endpoint it
/// names.</summary>
internal sealed class ExchangedCredential
{
    public ExchangedCredential(RegistryCredential credential, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Credential = credential;
        Endpoint = endpoint;
    }

    /// <summary>The credential.</summary>
    public RegistryCredential Credential { get; }

    /// <summary>The registry endpoint the token service named (ECR's <c>proxyEndpoint</c>), or null.</summary>
    public Uri? Endpoint { get; }

    /// <summary>Shows the credential's user and expiry; never the secret.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => Endpoint is null ? Credential.ToString() : $"{Credential} at {Endpoint}";
}

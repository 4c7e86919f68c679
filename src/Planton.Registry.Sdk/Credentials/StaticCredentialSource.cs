namespace Planton.Registry.Sdk.Credentials;

/// <summary>Hands back one fixed credential (or none) for every scope: admin users, PATs, access tokens.</summary>
internal sealed class StaticCredentialSource : IRegistryCredentialSource
{
    public static readonly StaticCredentialSource Anonymous = new(null);

    private readonly RegistryCredential? _credential;

    public StaticCredentialSource(RegistryCredential? credential)
    {
        _credential = credential;
    }

    public ValueTask<RegistryCredential?> GetCredentialAsync(
        RegistryScope scope, CancellationToken cancellationToken = default) => ValueTask.FromResult(_credential);
}

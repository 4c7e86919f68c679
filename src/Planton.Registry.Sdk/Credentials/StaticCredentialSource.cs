namespace Planton.Registry.Sdk.Credentials;

/// <summary>Hands back one fixed credential (or none) for every scope: admin users, PATs, access tokens.</summary>
internal sealed class StaticCredentialSource : IRegistryCredentialSource, IKnownUsernameSource
{
    public static readonly StaticCredentialSource Anonymous = new(null);

    private readonly RegistryCredential? _credential;

    public StaticCredentialSource(RegistryCredential? credential)
    {
        _credential = credential;
    }

    public string? KnownUsername => _credential?.Username;

    public ValueTask<RegistryCredential?> GetCredentialAsync(
        RegistryScope scope, CancellationToken cancellationToken = default) => ValueTask.FromResult(_credential);
}

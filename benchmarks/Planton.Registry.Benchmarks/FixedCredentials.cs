using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Benchmarks;

/// <summary>Gives the same user name and password for every scope, as a CI job with one registry login does.</summary>
internal sealed class FixedCredentials : IRegistryCredentialSource
{
    private readonly RegistryCredential _credential;

    public FixedCredentials(string user, string password)
    {
        _credential = new RegistryCredential(user, new Secret(password));
    }

    public ValueTask<RegistryCredential?> GetCredentialAsync(
        RegistryScope scope, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<RegistryCredential?>(_credential);
}

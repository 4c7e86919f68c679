using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>
/// Tests an image connection the way a push would use it, and says which of host, credentials, permission or
/// repository is wrong, with the provider's remedy. In order: DNS, TCP and TLS to the registry's host; the
/// registry's <c>GET /v2/</c>; the credential exchange and an authenticated <c>GET /v2/</c> (with a token for
/// <c>repository:NAME:pull,push</c> where the registry wants one); an upload session opened and cancelled (for ECR
/// after <c>DescribeRepositories</c>, since ECR drops uploads to a missing repository); and the repository's
/// existence where the registry can tell. Credentials go only to the registry's own host and to a token
/// service it names that passes the realm checks of the OCI client. Nothing is written to the registry: the upload
/// session is cancelled before any byte is sent.
/// </summary>
public interface IConnectionTester
{
    /// <summary>Tests a connection.</summary>
    /// <param name="provider">The connection's provider; it must store images.</param>
    /// <param name="image">
    /// The image name to test push permission for, such as <c>billing-api</c> (the provider adds its prefix).
    /// Default: <c>planton-connection-test</c>, which checks the registry, or the provider's repository (GAR, JFrog),
    /// but not a repository of ECR, where every image is its own repository: name the image there.
    /// </param>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>The report; a failed check is reported, not thrown.</returns>
    /// <exception cref="RegistryConfigurationException">The connection stores no images, or the image name is not a
    /// valid repository path.</exception>
    Task<ConnectionTestReport> TestAsync(
        IRegistryProvider provider,
        string? image = null,
        CancellationToken cancellationToken = default);
}

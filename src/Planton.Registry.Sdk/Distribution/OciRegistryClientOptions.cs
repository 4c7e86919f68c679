namespace Planton.Registry.Sdk.Distribution;

/// <summary>Settings of the OCI Distribution client that hold for every registry it talks to.</summary>
public sealed class OciRegistryClientOptions
{
    /// <summary>
    /// The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client the OCI client uses. Configure its
    /// primary handler with <c>AllowAutoRedirect = false</c> (the client follows redirects itself, dropping
    /// credentials across hosts) and an infinite <c>HttpClient.Timeout</c> (large layers outlast 100 s).
    /// </summary>
    public const string HttpClientName = "Planton.Registry.Oci";

    /// <summary>
    /// Hosts, other than the registry's own, whose token services may receive the registry credentials when a
    /// registry names them as its Bearer realm. Default: <c>auth.docker.io</c> (Docker Hub). Compared without
    /// port, case-insensitively.
    /// </summary>
    public IList<string> TrustedRealmHosts { get; } = new List<string> { "auth.docker.io" };
}

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

    /// <summary>
    /// Keep a blob-location cache: a small JSON file that remembers, per registry, which repositories recently
    /// held each blob pushed or pulled, so that a push to another repository can mount the blob instead of
    /// uploading it. Default true.
    /// </summary>
    public bool UseBlobLocationCache { get; set; } = true;

    /// <summary>
    /// The blob-location cache file. Null (the default) is <c>$XDG_CACHE_HOME/planton-registry/blob-locations.json</c>,
    /// or <c>~/.cache/planton-registry/blob-locations.json</c> when <c>XDG_CACHE_HOME</c> is unset (the local
    /// application data folder on Windows). The file holds digests and repository names only, never credentials;
    /// it is bounded to <see cref="MaxBlobLocations"/> blobs and replaced atomically. A missing, unreadable or
    /// corrupt file is treated as empty.
    /// </summary>
    public string? BlobLocationCachePath { get; set; }

    /// <summary>
    /// How many blobs the blob-location cache remembers, least recently used dropped first; default 4096.
    /// </summary>
    public int MaxBlobLocations { get; set; } = 4096;
}

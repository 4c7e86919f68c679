using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Resilience;

namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The OCI Distribution client. Thread-safe; meant to live as a singleton so that its token cache and the
/// challenges it has learned serve every operation. Takes its <see cref="HttpClient"/> from the factory client
/// named <see cref="OciRegistryClientOptions.HttpClientName"/>.
/// </summary>
internal sealed partial class OciRegistryClient : IOciRegistryClient
{
    private const string DockerContentDigest = "Docker-Content-Digest";

    private readonly TimeProvider _timeProvider;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly RegistryAuthenticator _authenticator;
    private readonly BlobLocationCache? _blobLocations;
    private readonly RegistryResilienceOptions _resilience;
    private readonly ILogger<OciRegistryClient> _logger;

    public OciRegistryClient(
        IHttpClientFactory httpClientFactory,
        IOptions<OciRegistryClientOptions> options,
        IOptions<RegistryResilienceOptions> resilience,
        TimeProvider timeProvider,
        ILogger<OciRegistryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _resilience = resilience.Value;
        var settings = options.Value;
        _authenticator = new RegistryAuthenticator(
            new RegistryTokenCache(timeProvider), settings.TrustedRealmHosts, logger);
        _timeProvider = timeProvider;
        var cachePath = settings.UseBlobLocationCache
            ? settings.BlobLocationCachePath ?? BlobLocationCache.DefaultPath()
            : null;
        if (!string.IsNullOrWhiteSpace(cachePath))
        {
            _blobLocations = new BlobLocationCache(
                cachePath, Math.Max(1, settings.MaxBlobLocations), timeProvider, logger);
        }
    }

    /// <summary>The blob-location cache, or null when it is off.</summary>
    internal BlobLocationCache? BlobLocations => _blobLocations;

    /// <summary>
    /// Builds a client over one caller-owned <see cref="HttpClient"/> (hosts without DI, tests). Without
    /// <paramref name="options"/> no blob-location cache is kept, so that nothing is written under the user's home.
    /// Retries of single requests happen only if <paramref name="httpClient"/> sends through a
    /// <see cref="RegistryResilienceHandler"/>; <paramref name="resilience"/> bounds the upload resumes.
    /// </summary>
    internal static OciRegistryClient Create(
        HttpClient httpClient,
        TimeProvider? timeProvider = null,
        OciRegistryClientOptions? options = null,
        ILogger<OciRegistryClient>? logger = null,
        RegistryResilienceOptions? resilience = null) =>
        new(
            new SingleHttpClientFactory(httpClient),
            Options.Create(options ?? new OciRegistryClientOptions { UseBlobLocationCache = false }),
            Options.Create(resilience ?? new RegistryResilienceOptions()),
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger<OciRegistryClient>.Instance);

    /// <summary>
    /// The primary handler for the named client: no automatic redirects (the client follows them itself, and drops
    /// the Authorization header when the host changes), no automatic decompression (digests are over the bytes as
    /// stored), no cookies, and pooled connections kept warm between the requests of a push or pull (a blob upload
    /// reuses the connection its HEAD and POST went over).
    /// </summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() =>
        new()
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 64,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };

    /// <inheritdoc />
    public async Task<bool> ManifestExistsAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        CancellationToken cancellationToken = default)
    {
        var (exists, _) = await HeadManifestAsync(endpoint, credentials, repository, tagOrDigest, cancellationToken)
            .ConfigureAwait(false);
        return exists;
    }

    /// <inheritdoc />
    public async Task<string?> ResolveDigestAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        CancellationToken cancellationToken = default)
    {
        var (exists, head) = await HeadManifestAsync(endpoint, credentials, repository, tagOrDigest, cancellationToken)
            .ConfigureAwait(false);
        if (!exists)
        {
            return null;
        }

        if (OciDigest.IsValid(tagOrDigest))
        {
            return tagOrDigest;
        }

        if (head.Digest is { } digest)
        {
            return digest;
        }

        var manifest = await FetchManifestAsync(head.Session, tagOrDigest, null, cancellationToken)
            .ConfigureAwait(false);
        return manifest.Descriptor.Digest;
    }

    private async Task<(bool Exists, HeadResult Head)> HeadManifestAsync(
        RegistryEndpoint endpoint,
        IRegistryCredentialSource credentials,
        string repository,
        string tagOrDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        OciNames.ThrowIfInvalidRepository(repository, nameof(repository));
        OciNames.ThrowIfInvalidTagOrDigest(tagOrDigest, nameof(tagOrDigest));
        var session = CreateSession(endpoint, credentials, repository, RegistryAccess.Pull);
        var uri = session.RepositoryUri("manifests/" + tagOrDigest);
        using var response = await session.SendAsync(() => ManifestRequest(HttpMethod.Head, uri), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (false, new HeadResult(session, null));
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = await RegistryErrors.FromResponseAsync(response, null, cancellationToken).ConfigureAwait(false);
            if (error is RegistryRequestFailedException { IsNotFound: true })
            {
                return (false, new HeadResult(session, null));
            }

            throw error;
        }

        var digest = HeaderValue(response, DockerContentDigest);
        return (true, new HeadResult(session, OciDigest.IsValid(digest) ? digest : null));
    }

    private RegistrySession CreateSession(
        RegistryEndpoint endpoint, IRegistryCredentialSource credentials, string repository, RegistryAccess access) =>
        new(
            _httpClientFactory.CreateClient(OciRegistryClientOptions.HttpClientName),
            _authenticator,
            endpoint,
            credentials,
            repository,
            access,
            _logger);

    /// <summary>
    /// GETs a manifest and checks its digest against <paramref name="expectedDigest"/> (when pulling by digest)
    /// and against the registry's <c>Docker-Content-Digest</c> (when sent).
    /// </summary>
    private async Task<FetchedManifest> FetchManifestAsync(
        RegistrySession session, string reference, string? expectedDigest, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri("manifests/" + reference);
        using var response = await session.SendSuccessfulAsync(
                () => ManifestRequest(HttpMethod.Get, uri),
                $"Fetching the manifest {reference} of {session.Repository} failed.",
                cancellationToken)
            .ConfigureAwait(false);
        var finalUri = response.RequestMessage?.RequestUri ?? uri;
        byte[] content;
        try
        {
            content = await BoundedContent.ReadAsync(
                    response.Content, DistributionLimits.MaxManifestBytes, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new RegistryRequestFailedException(
                "GET", finalUri, response.StatusCode, [], "The manifest is too large: " + ex.Message, ex);
        }

        var digest = OciDigest.Compute(content, OciDigest.AlgorithmOf(expectedDigest));
        if (expectedDigest is not null && !string.Equals(digest, expectedDigest, StringComparison.Ordinal))
        {
            throw DigestMismatch(finalUri, response.StatusCode, expectedDigest, digest);
        }

        var headerDigest = HeaderValue(response, DockerContentDigest);
        if (OciDigest.IsValid(headerDigest))
        {
            var comparable = OciDigest.AlgorithmOf(headerDigest) == OciDigest.AlgorithmOf(digest)
                ? digest
                : OciDigest.Compute(content, OciDigest.AlgorithmOf(headerDigest));
            if (!string.Equals(comparable, headerDigest, StringComparison.Ordinal))
            {
                throw DigestMismatch(finalUri, response.StatusCode, headerDigest!, comparable);
            }
        }
        else if (NamesKnownAlgorithm(headerDigest))
        {
            // A sha256 or sha512 digest this client could check, but malformed: it names no body it could match.
            throw DigestMismatch(finalUri, response.StatusCode, headerDigest!, digest);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        OciManifestDocument document;
        try
        {
            document = OciManifestDocument.Parse(content, OciMediaTypes.IsManifest(contentType) ? contentType : null);
        }
        catch (InvalidDataException ex)
        {
            throw new RegistryRequestFailedException(
                "GET", finalUri, response.StatusCode, [],
                $"The registry sent a manifest this client cannot read ({contentType ?? "no media type"}): "
                + ex.Message,
                ex);
        }

        var mediaType = OciMediaTypes.IsManifest(contentType)
            ? contentType!
            : document.MediaType ?? (document.IsIndex ? OciMediaTypes.ImageIndex : OciMediaTypes.ImageManifest);
        DistributionLog.ManifestFetched(_logger, digest, mediaType, session.Repository);
        return new FetchedManifest(new OciDescriptor(mediaType, digest, content.Length), content, document);
    }

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var mediaType in OciMediaTypes.Accepted)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        return request;
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString().Trim() : null;

    private static bool NamesKnownAlgorithm(string? digest) =>
        digest is not null
        && (digest.StartsWith(OciDigest.Sha256 + ":", StringComparison.OrdinalIgnoreCase)
            || digest.StartsWith(OciDigest.Sha512 + ":", StringComparison.OrdinalIgnoreCase));

    private static RegistryRequestFailedException DigestMismatch(
        Uri uri, HttpStatusCode status, string expected, string actual) =>
        new(
            "GET", uri, status, [],
            $"The registry sent content with digest {actual}, but {expected} was expected; nothing was written.");

    /// <summary>The session of a HEAD, kept for a GET that may follow, and the digest the registry sent.</summary>
    private sealed record HeadResult(RegistrySession Session, string? Digest);
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>
/// An in-memory registry behind an <see cref="HttpMessageHandler"/>: enough of the distribution API for push and
/// pull (manifests, blobs, upload sessions), Basic or Bearer auth with a token service, a storage host for blob
/// redirects, and switches to misbehave. Records every request it sees.
/// </summary>
internal sealed class FakeRegistry : HttpMessageHandler
{
    public const string RegistryBase = "https://registry.test";
    public const string StorageBase = "https://storage.test";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte[]> _uploads = new();
    private readonly ConcurrentDictionary<string, bool> _issuedTokens = new();
    private readonly ConcurrentDictionary<string, bool> _links = new();
    private int _tokenFetches;
    private int _uploadCounter;

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    /// <summary>Manifests by "repository@reference" (tag or digest): media type and bytes.</summary>
    public ConcurrentDictionary<string, (string MediaType, byte[] Content)> Manifests { get; } = new();

    public string? BasicUser { get; set; }

    public string? BasicPassword { get; set; }

    /// <summary>When set, the registry wants Bearer tokens from this realm.</summary>
    public Uri? TokenRealm { get; set; }

    public string TokenService { get; set; } = "fake-registry";

    public int TokenExpiresInSeconds { get; set; } = 300;

    /// <summary>When set, the token service wants this refresh token on a POST.</summary>
    public string? RefreshToken { get; set; }

    public bool RejectMonolithicUploads { get; set; }

    public long? ChunkMinLength { get; set; }

    /// <summary>Blob GETs answer 307 to the storage host (or to this URI base when set).</summary>
    public Uri? RedirectBlobsTo { get; set; }

    /// <summary>Flips a byte of every blob served.</summary>
    public bool TamperBlobs { get; set; }

    /// <summary>Sends this Docker-Content-Digest on manifest GETs and PUTs instead of the real one.</summary>
    public string? LieAboutDigest { get; set; }

    /// <summary>Answers 403 DENIED to every registry request.</summary>
    public bool Deny { get; set; }

    /// <summary>
    /// When set, a repository sees only the blobs uploaded or mounted into it (or added for it), as real registries
    /// do; otherwise every repository sees every blob.
    /// </summary>
    public bool RepositoryScopedBlobs { get; set; }

    public FakeMountBehaviour MountBehaviour { get; set; } = FakeMountBehaviour.Honour;

    /// <summary>
    /// When set, sees every request with the normal routing as a callback: it may answer otherwise, throw (a broken
    /// connection), or route and then throw (an answer lost on the way back).
    /// </summary>
    public Func<HttpRequestMessage, Func<HttpResponseMessage>, HttpResponseMessage>? Intercept { get; set; }

    /// <summary>Upload sessions the registry holds, by id, with the bytes received.</summary>
    public IReadOnlyDictionary<string, byte[]> Uploads => _uploads;

    /// <summary>Forgets every open upload, as a registry restart or purge would.</summary>
    public void ForgetUploads() => _uploads.Clear();

    /// <summary>Appends bytes to an open upload, as a broken request that reached the registry in part would.</summary>
    public void ReceivePartially(string uploadId, byte[] bytes) =>
        _uploads[uploadId] = [.. _uploads[uploadId], .. bytes];

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public int TokenFetches => _tokenFetches;

    /// <summary>The scope parameters of every token request.</summary>
    public ConcurrentQueue<string> TokenScopes { get; } = new();

    public void AddBlob(byte[] content) => Blobs[Sha256(content)] = content;

    /// <summary>Adds a blob and links it into <paramref name="repository"/>.</summary>
    public void AddBlob(byte[] content, string repository)
    {
        AddBlob(content);
        _links[$"{repository}@{Sha256(content)}"] = true;
    }

    /// <summary>Whether <paramref name="repository"/> sees the blob (always, without repository scoping).</summary>
    public bool HasBlob(string repository, string digest) =>
        Blobs.ContainsKey(digest) && (!RepositoryScopedBlobs || _links.ContainsKey($"{repository}@{digest}"));

    public void AddManifest(string repository, string tag, string mediaType, byte[] content)
    {
        Manifests[$"{repository}@{tag}"] = (mediaType, content);
        Manifests[$"{repository}@{Sha256(content)}"] = (mediaType, content);
    }

    public static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var uri = request.RequestUri!;
        _requests.Enqueue(new RecordedRequest(
            request.Method.Method,
            uri,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.NonValidated.TryGetValues("Content-Range", out var range) == true
                ? range.ToString()
                : null,
            request.Content?.Headers.ContentType?.MediaType,
            body.Length,
            string.Join(", ", request.Headers.Accept.Select(a => a.MediaType))));
        var response = Intercept is null
            ? Route(request, uri, body)
            : Intercept(request, () => Route(request, uri, body));
        response.RequestMessage = request;
        return response;
    }

    private HttpResponseMessage Route(HttpRequestMessage request, Uri uri, byte[] body)
    {
        if (TokenRealm is not null
            && uri.Authority == TokenRealm.Authority
            && uri.AbsolutePath == TokenRealm.AbsolutePath)
        {
            return Token(request, uri, body);
        }

        if (uri.GetLeftPart(UriPartial.Authority) == StorageBase
            || (RedirectBlobsTo is not null && uri.Authority == RedirectBlobsTo.Authority))
        {
            var digest = uri.AbsolutePath.Split('/')[^1];
            return Blobs.TryGetValue(digest, out var stored)
                ? Bytes(HttpStatusCode.OK, Serve(stored))
                : Status(HttpStatusCode.NotFound);
        }

        if (uri.GetLeftPart(UriPartial.Authority) != RegistryBase)
        {
            return Status(HttpStatusCode.BadGateway);
        }

        var path = uri.AbsolutePath;
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return Status(HttpStatusCode.NotFound);
        }

        var rest = path["/v2/".Length..];
        var repository = RepositoryOf(rest, out var kind, out var tail);
        if (!Authorized(request, repository, out var challenge))
        {
            return challenge;
        }

        if (Deny)
        {
            return Error(HttpStatusCode.Forbidden, "DENIED", "requested access to the resource is denied");
        }

        return kind switch
        {
            "manifests" => ManifestRoute(request, repository, tail, body),
            "blobs" when tail.StartsWith("uploads", StringComparison.Ordinal) =>
                UploadRoute(request, repository, uri, tail, body),
            "blobs" => BlobRoute(request, repository, tail),
            _ => Status(HttpStatusCode.NotFound),
        };
    }

    private bool Authorized(HttpRequestMessage request, string repository, out HttpResponseMessage challenge)
    {
        challenge = null!;
        var authorization = request.Headers.Authorization;
        if (TokenRealm is not null)
        {
            if (authorization?.Scheme == "Bearer"
                && authorization.Parameter is { } token
                && _issuedTokens.ContainsKey(token))
            {
                return true;
            }

            challenge = Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "authentication required");
            challenge.Headers.TryAddWithoutValidation(
                "WWW-Authenticate",
                $"Bearer realm=\"{TokenRealm}\",service=\"{TokenService}\",scope=\"repository:{repository}:pull\"");
            return false;
        }

        if (BasicUser is not null)
        {
            if (authorization?.Scheme == "Basic" && authorization.Parameter == BasicValue(BasicUser, BasicPassword!))
            {
                return true;
            }

            challenge = Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "authentication required");
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"fake-registry\"");
            return false;
        }

        return true;
    }

    private HttpResponseMessage Token(HttpRequestMessage request, Uri uri, byte[] body)
    {
        Interlocked.Increment(ref _tokenFetches);
        if (request.Method == HttpMethod.Post)
        {
            var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
            TokenScopes.Enqueue(form["scope"] ?? string.Empty);
            if (form["grant_type"] != "refresh_token" || form["refresh_token"] != RefreshToken)
            {
                return Status(HttpStatusCode.Unauthorized);
            }

            return TokenReply("access_token");
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        TokenScopes.Enqueue(string.Join(' ', query.GetValues("scope") ?? []));
        if (BasicUser is not null
            && request.Headers.Authorization?.Parameter != BasicValue(BasicUser, BasicPassword!))
        {
            return Status(HttpStatusCode.Unauthorized);
        }

        return TokenReply("token");
    }

    private HttpResponseMessage TokenReply(string field)
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        _issuedTokens[token] = true;
        return Json(HttpStatusCode.OK, $"{{\"{field}\":\"{token}\",\"expires_in\":{TokenExpiresInSeconds}}}");
    }

    private HttpResponseMessage ManifestRoute(
        HttpRequestMessage request, string repository, string reference, byte[] body)
    {
        var key = $"{repository}@{reference}";
        if (request.Method == HttpMethod.Put)
        {
            var mediaType = request.Content!.Headers.ContentType!.MediaType!;
            AddManifest(repository, reference, mediaType, body);
            var created = Status(HttpStatusCode.Created);
            created.Headers.TryAddWithoutValidation("Docker-Content-Digest", LieAboutDigest ?? Sha256(body));
            return created;
        }

        if (!Manifests.TryGetValue(key, out var manifest))
        {
            return Error(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", "manifest unknown");
        }

        var response = request.Method == HttpMethod.Head
            ? Bytes(HttpStatusCode.OK, [], manifest.Content.Length)
            : Bytes(HttpStatusCode.OK, manifest.Content);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        response.Headers.TryAddWithoutValidation("Docker-Content-Digest", LieAboutDigest ?? Sha256(manifest.Content));
        return response;
    }

    private HttpResponseMessage BlobRoute(HttpRequestMessage request, string repository, string digest)
    {
        if (!HasBlob(repository, digest) || !Blobs.TryGetValue(digest, out var blob))
        {
            return request.Method == HttpMethod.Head
                ? Status(HttpStatusCode.NotFound)
                : Error(HttpStatusCode.NotFound, "BLOB_UNKNOWN", "blob unknown");
        }

        if (request.Method == HttpMethod.Head)
        {
            return Bytes(HttpStatusCode.OK, [], blob.Length);
        }

        if (RedirectBlobsTo is not null)
        {
            var redirect = Status(HttpStatusCode.TemporaryRedirect);
            redirect.Headers.Location = new Uri(RedirectBlobsTo, $"/blob/{digest}?sig=presigned-secret");
            return redirect;
        }

        return Bytes(HttpStatusCode.OK, Serve(blob));
    }

    private HttpResponseMessage UploadRoute(
        HttpRequestMessage request, string repository, Uri uri, string tail, byte[] body)
    {
        if (request.Method == HttpMethod.Post)
        {
            var post = HttpUtility.ParseQueryString(uri.Query);
            if (post["mount"] is { } mount)
            {
                if (MountBehaviour == FakeMountBehaviour.Fail)
                {
                    return Error(HttpStatusCode.InternalServerError, "UNKNOWN", "mount broke");
                }

                if (MountBehaviour == FakeMountBehaviour.Honour && post["from"] is { } from && HasBlob(from, mount))
                {
                    _links[$"{repository}@{mount}"] = true;
                    var mounted = Status(HttpStatusCode.Created);
                    mounted.Headers.Location = new Uri($"/v2/{repository}/blobs/{mount}", UriKind.Relative);
                    mounted.Headers.TryAddWithoutValidation("Docker-Content-Digest", mount);
                    return mounted;
                }
            }

            var id = "u" + Interlocked.Increment(ref _uploadCounter);
            _uploads[id] = [];
            var accepted = Status(HttpStatusCode.Accepted);
            accepted.Headers.Location = new Uri($"/v2/{repository}/blobs/uploads/{id}?_state=s0", UriKind.Relative);
            if (ChunkMinLength is { } minimum)
            {
                accepted.Headers.TryAddWithoutValidation("OCI-Chunk-Min-Length", minimum.ToString());
            }

            return accepted;
        }

        var uploadId = tail.Split('/')[^1];
        var query = HttpUtility.ParseQueryString(uri.Query);
        if (!_uploads.TryGetValue(uploadId, out var data) || query["_state"] is null)
        {
            return Error(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", "upload unknown or state lost");
        }

        if (request.Method == HttpMethod.Delete)
        {
            _uploads.TryRemove(uploadId, out _);
            return Status(HttpStatusCode.NoContent);
        }

        if (request.Method == HttpMethod.Get)
        {
            var status = Status(HttpStatusCode.NoContent);
            status.Headers.Location = new Uri(
                $"{RegistryBase}/v2/{repository}/blobs/uploads/{uploadId}?_state=s{data.Length}");
            status.Headers.TryAddWithoutValidation("Range", $"0-{Math.Max(0, data.Length - 1)}");
            return status;
        }

        if (request.Method == HttpMethod.Patch)
        {
            var contentRange =
                request.Content?.Headers.NonValidated.TryGetValues("Content-Range", out var ranges) == true
                    ? ranges.ToString()
                    : null;
            if (contentRange is not null && !contentRange.StartsWith($"{data.Length}-", StringComparison.Ordinal))
            {
                return Error(HttpStatusCode.RequestedRangeNotSatisfiable, "BLOB_UPLOAD_INVALID", "range mismatch");
            }

            _uploads[uploadId] = [.. data, .. body];
            var accepted = Status(HttpStatusCode.Accepted);
            accepted.Headers.Location = new Uri(
                $"{RegistryBase}/v2/{repository}/blobs/uploads/{uploadId}?_state=s{_uploads[uploadId].Length}");
            accepted.Headers.TryAddWithoutValidation("Range", $"0-{_uploads[uploadId].Length - 1}");
            return accepted;
        }

        if (request.Method == HttpMethod.Put)
        {
            if (RejectMonolithicUploads && body.Length > 0)
            {
                return Error(HttpStatusCode.RequestEntityTooLarge, "BLOB_UPLOAD_INVALID", "monolithic uploads refused");
            }

            var complete = (byte[])[.. data, .. body];
            var digest = query["digest"];
            if (digest != Sha256(complete))
            {
                return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "digest did not match");
            }

            _uploads.TryRemove(uploadId, out _);
            Blobs[digest] = complete;
            _links[$"{repository}@{digest}"] = true;
            var created = Status(HttpStatusCode.Created);
            created.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest);
            return created;
        }

        return Status(HttpStatusCode.MethodNotAllowed);
    }

    private byte[] Serve(byte[] blob)
    {
        if (!TamperBlobs || blob.Length == 0)
        {
            return blob;
        }

        var copy = (byte[])blob.Clone();
        copy[0] ^= 0xFF;
        return copy;
    }

    private static string RepositoryOf(string rest, out string kind, out string tail)
    {
        var marker = rest.Contains("/blobs/uploads", StringComparison.Ordinal) ? "/blobs/"
            : rest.Contains("/manifests/", StringComparison.Ordinal) ? "/manifests/"
            : "/blobs/";
        var index = marker == "/blobs/" && rest.Contains("/blobs/uploads", StringComparison.Ordinal)
            ? rest.IndexOf("/blobs/uploads", StringComparison.Ordinal)
            : rest.LastIndexOf(marker, StringComparison.Ordinal);
        if (index <= 0)
        {
            kind = string.Empty;
            tail = string.Empty;
            return rest;
        }

        kind = marker.Trim('/');
        tail = rest[(index + marker.Length)..];
        return rest[..index];
    }

    private static string BasicValue(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static HttpResponseMessage Status(HttpStatusCode status) =>
        new(status) { Content = new ByteArrayContent([]) };

    private static HttpResponseMessage Bytes(HttpStatusCode status, byte[] content, long? length = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(content) };
        if (length is not null)
        {
            response.Content.Headers.ContentLength = length;
        }

        return response;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return response;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, $"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}");
}

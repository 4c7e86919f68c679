using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>
/// A hand-written recording <see cref="HttpMessageHandler"/> that answers like a registry that lets the configured
/// user push anywhere: <c>/v2/</c> with a Basic (or Bearer) challenge, upload sessions opened (202 + Location) and
/// cancelled (204), and 404 NAME_UNKNOWN for tags of repositories it has never seen. <see cref="Override"/> answers
/// first, so that a test can change one answer; <see cref="OnSend"/> runs on every request (to advance fake time).
/// </summary>
internal sealed class ScriptedRegistryHandler : HttpMessageHandler
{
    private readonly List<RecordedCall> _calls = [];

    public ScriptedRegistryHandler(string registryBase, string expectedAuthorization)
    {
        RegistryBase = new Uri(registryBase);
        ExpectedAuthorization = expectedAuthorization;
    }

    public Uri RegistryBase { get; }

    /// <summary>The Authorization value the registry accepts (Bearer: the token its token service issues).</summary>
    public string ExpectedAuthorization { get; }

    /// <summary>When set, the registry wants Bearer tokens from this realm, which issues <c>good-token</c>.</summary>
    public Uri? TokenRealm { get; set; }

    public Func<HttpRequestMessage, HttpResponseMessage?>? Override { get; set; }

    public Action? OnSend { get; set; }

    public IReadOnlyList<RecordedCall> Calls => _calls;

    public static HttpResponseMessage Errors(HttpStatusCode status, string code, string message) =>
        new(status)
        {
            Content = new StringContent(
                $"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}",
                Encoding.UTF8,
                "application/json"),
        };

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls.Add(new RecordedCall(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        OnSend?.Invoke();
        var response = Override?.Invoke(request) ?? Answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        if (TokenRealm is not null && uri.GetLeftPart(UriPartial.Path) == TokenRealm.GetLeftPart(UriPartial.Path))
        {
            return request.Headers.Authorization?.ToString() == "Basic " + BasicValue("ci-bot", "right")
                ? new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"token\":\"good-token\",\"expires_in\":300}"),
                }
                : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        if ((request.Headers.Authorization?.ToString() ?? string.Empty) != ExpectedAuthorization)
        {
            var unauthorized = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            unauthorized.Headers.WwwAuthenticate.Add(TokenRealm is null
                ? new AuthenticationHeaderValue("Basic", "realm=\"fake\"")
                : new AuthenticationHeaderValue("Bearer", $"realm=\"{TokenRealm}\",service=\"fake\""));
            return unauthorized;
        }

        var path = uri.AbsolutePath;
        if (path == "/v2/")
        {
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
            accepted.Headers.Location = new Uri(path + "session-1?_state=opaque", UriKind.Relative);
            return accepted;
        }

        if (request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        return Errors(HttpStatusCode.NotFound, "NAME_UNKNOWN", "repository name not known to registry");
    }

    public static string BasicValue(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}

using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>
/// Google's OAuth2 token endpoint as a loopback fake that checks what Google checks for the JWT-bearer grant: the
/// grant type, an RS256 assertion whose signature verifies with the public half of the key registered for its
/// <c>iss</c>, <c>aud</c> equal to Google's token URL (<see cref="Audience"/>: the real service checks its own
/// canonical URL, whatever address it was reached at, and Google.Apis.Auth always sends that URL while posting to the
/// key's <c>token_uri</c>), the <c>cloud-platform</c> scope, a lifetime of at most an hour and an <c>iat</c> within
/// five minutes of the server's clock. Refusals answer 400 <c>invalid_grant</c> as Google does.
/// </summary>
internal sealed class FakeGoogleTokenServer : IAsyncDisposable
{
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const string GoogleTokenUrl = "https://oauth2.googleapis.com/token";

    private readonly ConcurrentDictionary<string, RSA> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly LoopbackHttpServer _server;
    private int _exchanges;

    public FakeGoogleTokenServer(TimeProvider clock)
    {
        _clock = clock;
        _server = LoopbackHttpServer.Start(Handle);
    }

    public Uri TokenUri => new(_server.BaseUri, "token");

    public string AccessToken { get; set; } = "ya29.fake-google-access-token";

    public int ExpiresIn { get; set; } = 3599;

    /// <summary>The audience the assertion must name.</summary>
    public string Audience { get; set; } = GoogleTokenUrl;

    public int Exchanges => Volatile.Read(ref _exchanges);

    public ConcurrentQueue<string> Refusals { get; } = new();

    public ConcurrentQueue<JsonElement> Assertions { get; } = new();

    public void RegisterKey(string clientEmail, RSA key) =>
        _keys[clientEmail] = RSA.Create(key.ExportParameters(includePrivateParameters: false));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeResponse Handle(FakeRequest request)
    {
        if (request.Method != "POST" || request.Path != "/token")
        {
            return Refuse(404, "not_found", request.Method + " " + request.Path);
        }

        var form = request.Form();
        if (form.GetValueOrDefault("grant_type") != JwtBearerGrant)
        {
            return Refuse(400, "unsupported_grant_type", "Invalid grant_type: " + form.GetValueOrDefault("grant_type"));
        }

        var parts = form.GetValueOrDefault("assertion", string.Empty).Split('.');
        if (parts.Length != 3)
        {
            return Refuse(400, "invalid_grant", "Invalid JWT: not three parts");
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        Assertions.Enqueue(claims.Clone());
        if (header.RootElement.GetProperty("alg").GetString() != "RS256")
        {
            return Refuse(400, "invalid_grant", "Invalid JWT: alg");
        }

        var issuer = claims.GetProperty("iss").GetString() ?? string.Empty;
        if (!_keys.TryGetValue(issuer, out var key))
        {
            return Refuse(400, "invalid_grant", "Invalid grant: account not found");
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = Base64Url.DecodeFromChars(parts[2]);
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return Refuse(400, "invalid_grant", "Invalid JWT Signature.");
        }

        if (claims.GetProperty("aud").GetString() != Audience)
        {
            return Refuse(400, "invalid_grant", "Invalid JWT: aud is not " + Audience);
        }

        var scopes = (claims.TryGetProperty("scope", out var scope) ? scope.GetString() ?? string.Empty : string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(CloudPlatformScope))
        {
            return Refuse(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        }

        var issuedAt = claims.GetProperty("iat").GetInt64();
        var expires = claims.GetProperty("exp").GetInt64();
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (expires <= issuedAt || expires - issuedAt > 3600 || Math.Abs(issuedAt - now) > 300)
        {
            return Refuse(
                400,
                "invalid_grant",
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
        }

        Interlocked.Increment(ref _exchanges);
        return FakeResponse.Json(200, new Dictionary<string, object>
        {
            ["access_token"] = AccessToken,
            ["expires_in"] = ExpiresIn,
            ["token_type"] = "Bearer",
        });
    }

    private FakeResponse Refuse(int status, string error, string description)
    {
        Refusals.Enqueue(description);
        return FakeResponse.Json(status, new Dictionary<string, string>
        {
            ["error"] = error,
            ["error_description"] = description,
        });
    }
}

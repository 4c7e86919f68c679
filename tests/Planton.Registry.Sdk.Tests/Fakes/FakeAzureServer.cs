using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>
/// Entra ID's token endpoint and ACR's <c>/oauth2/exchange</c> and <c>/oauth2/token</c> as one loopback https fake
/// (Azure.Identity refuses an http authority). It checks the form fields each real service checks: for Entra the
/// tenant in the path, <c>client_id</c>, <c>client_secret</c>, <c>scope</c> and <c>grant_type=client_credentials</c>;
/// for the exchange <c>grant_type=access_token</c>, <c>service</c>, <c>tenant</c> and the Entra token it minted; for
/// the token endpoint <c>grant_type=refresh_token</c>, <c>service</c>, a <c>scope</c> and the refresh token it minted.
/// </summary>
internal sealed class FakeAzureServer : IAsyncDisposable
{
    public const string ContainerRegistryScope = "https://containerregistry.azure.net/.default";

    private readonly TimeProvider _clock;
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public FakeAzureServer(
        TimeProvider clock, X509Certificate2 certificate, string tenantId, string clientId, string clientSecret)
    {
        _clock = clock;
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
        _server = LoopbackHttpServer.Start(Handle, certificate);
        Service = _server.Authority;
    }

    public Uri BaseUri => _server.BaseUri;

    public string Authority => _server.Authority;

    public string TenantId { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The service name the exchange expects: by default this server's host and port.</summary>
    public string Service { get; set; }

    public string EntraToken { get; private set; } = string.Empty;

    /// <summary>
    /// The refresh token the exchange mints; set it to pin the value (a JWT with exp is minted otherwise).
    /// </summary>
    public string? RefreshToken { get; set; }

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(3);

    public string AccessToken { get; } = "acr-fake-access-token";

    public ConcurrentQueue<string> Refusals { get; } = new();

    public ConcurrentQueue<FakeRequest> Requests => new(_server.Requests);

    public int Calls(string endpoint) => _calls.GetValueOrDefault(endpoint);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeResponse Handle(FakeRequest request)
    {
        if (request.Method == "POST" && request.Path == $"/{TenantId}/oauth2/v2.0/token")
        {
            return Entra(request.Form());
        }

        if (request.Method == "POST" && request.Path == "/oauth2/exchange")
        {
            return Exchange(request.Form());
        }

        if (request.Method == "POST" && request.Path == "/oauth2/token")
        {
            return Token(request.Form());
        }

        Refusals.Enqueue("unexpected " + request.Method + " " + request.Path);
        return FakeResponse.Json(404, new { error = "not_found" });
    }

    private FakeResponse Entra(IReadOnlyDictionary<string, string> form)
    {
        Count("entra");
        if (form.GetValueOrDefault("grant_type") != "client_credentials"
            || form.GetValueOrDefault("scope") != ContainerRegistryScope)
        {
            return EntraError(400, "invalid_request", "AADSTS900144: grant_type or scope is wrong.");
        }

        if (form.GetValueOrDefault("client_id") != ClientId)
        {
            return EntraError(400, "unauthorized_client", "AADSTS700016: Application not found in the directory.");
        }

        if (form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return EntraError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }

        EntraToken = FakeJwt.Create(new Dictionary<string, object>
        {
            ["aud"] = "https://containerregistry.azure.net",
            ["tid"] = TenantId,
            ["appid"] = ClientId,
            ["exp"] = (_clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
        });
        return FakeResponse.Json(200, new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = EntraToken,
        });
    }

    private FakeResponse Exchange(IReadOnlyDictionary<string, string> form)
    {
        Count("exchange");
        if (form.GetValueOrDefault("grant_type") != "access_token"
            || form.GetValueOrDefault("service") != Service
            || form.GetValueOrDefault("tenant") != TenantId
            || EntraToken.Length == 0
            || form.GetValueOrDefault("access_token") != EntraToken)
        {
            return AcrError("the exchange form is wrong or its access_token was not issued by Entra");
        }

        var refresh = RefreshToken ?? FakeJwt.Create(new Dictionary<string, object>
        {
            ["aud"] = Service,
            ["grant_type"] = "refresh_token",
            ["exp"] = (_clock.GetUtcNow() + RefreshTokenLifetime).ToUnixTimeSeconds(),
        });
        RefreshToken ??= refresh;
        return FakeResponse.Json(200, new Dictionary<string, string> { ["refresh_token"] = refresh });
    }

    private FakeResponse Token(IReadOnlyDictionary<string, string> form)
    {
        Count("token");
        if (form.GetValueOrDefault("grant_type") != "refresh_token"
            || form.GetValueOrDefault("service") != Service
            || string.IsNullOrEmpty(form.GetValueOrDefault("scope"))
            || RefreshToken is null
            || form.GetValueOrDefault("refresh_token") != RefreshToken)
        {
            return AcrError("the token form is wrong or its refresh_token was not issued here");
        }

        return FakeResponse.Json(200, new Dictionary<string, string> { ["access_token"] = AccessToken });
    }

    private void Count(string endpoint) => _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    private FakeResponse EntraError(int status, string error, string description)
    {
        Refusals.Enqueue(description);
        return FakeResponse.Json(status, new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new[] { 7000215 },
        });
    }

    private FakeResponse AcrError(string message)
    {
        Refusals.Enqueue(message);
        return FakeResponse.Json(401, new { errors = new[] { new { code = "UNAUTHORIZED", message } } });
    }
}

namespace Planton.Registry.Sdk.Distribution;

/// <summary>Hands out one caller-owned <see cref="HttpClient"/> under every name; for hosts without DI.</summary>
internal sealed class SingleHttpClientFactory : IHttpClientFactory
{
    private readonly HttpClient _client;

    public SingleHttpClientFactory(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public HttpClient CreateClient(string name) => _client;
}

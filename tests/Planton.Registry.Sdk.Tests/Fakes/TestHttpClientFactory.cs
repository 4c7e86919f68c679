namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>Hands every caller a client (or handler) over one shared handler, as IHttpClientFactory would.</summary>
internal sealed class TestHttpClientFactory : IHttpClientFactory, IHttpMessageHandlerFactory
{
    private readonly HttpMessageHandler _handler;

    public TestHttpClientFactory(HttpMessageHandler? handler = null)
    {
        _handler = handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
    }

    public List<string> Names { get; } = [];

    public HttpClient CreateClient(string name)
    {
        lock (Names)
        {
            Names.Add(name);
        }

        return new HttpClient(_handler, disposeHandler: false);
    }

    public HttpMessageHandler CreateHandler(string name)
    {
        lock (Names)
        {
            Names.Add(name);
        }

        return new NonDisposingHandler(_handler);
    }

    private sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}

using System.Collections.Concurrent;

namespace Planton.Registry.Sdk.IntegrationTests.Distribution;

/// <summary>Records the method, path with query, and status of every request that passes through it.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public ConcurrentQueue<(string Method, string PathAndQuery, int Status)> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Exchanges.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode));
        return response;
    }
}

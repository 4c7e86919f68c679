using System.Collections.Concurrent;

namespace Planton.Registry.Sdk.Tests.Resilience;

/// <summary>
/// The innermost handler of a test: answers each request with the next scripted step (a response, or an exception
/// to throw) and records what it was sent, with the body as it arrived.
/// </summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> _answer;
    private int _calls;

    public StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer)
    {
        _answer = answer;
    }

    public int Calls => _calls;

    public ConcurrentQueue<(string Method, Uri Uri, int BodyLength)> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Received.Enqueue((request.Method.Method, request.RequestUri!, body.Length));
        var call = Interlocked.Increment(ref _calls);
        var response = _answer(request, call);
        response.RequestMessage ??= request;
        return response;
    }
}

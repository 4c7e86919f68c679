namespace Planton.Registry.Benchmarks;

/// <summary>Counts the requests that go to one host and port (the token service) on their way out.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private readonly string _authority;
    private readonly RequestCounter _counter;

    public CountingHandler(string authority, RequestCounter counter)
    {
        _authority = authority;
        _counter = counter;
    }

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (string.Equals(request.RequestUri?.Authority, _authority, StringComparison.OrdinalIgnoreCase))
        {
            _counter.Increment();
        }

        return base.SendAsync(request, cancellationToken);
    }
}

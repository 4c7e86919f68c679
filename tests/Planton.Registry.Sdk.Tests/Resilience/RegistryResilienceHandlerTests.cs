using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Resilience;
using Planton.Registry.Sdk.Tests.Distribution.Fakes;

namespace Planton.Registry.Sdk.Tests.Resilience;

public sealed class RegistryResilienceHandlerTests
{
    private static readonly Uri s_uri = new("https://registry.test/v2/team/app/manifests/v1?sig=secret-query");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private CapturingLogger<RegistryResilienceHandler> _logger = null!;

    [SetUp]
    public void SetUp() => _logger = new CapturingLogger<RegistryResilienceHandler>();

    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task SendAsync_TransientStatusTwice_ThirdAttemptSucceeds(HttpStatusCode transient)
    {
        var stub = new StubHandler((_, call) => new HttpResponseMessage(call < 3 ? transient : HttpStatusCode.OK));
        using var http = Client(stub, Options());

        using var response = await http.GetAsync(s_uri);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stub.Calls, Is.EqualTo(3));
        var retries = _logger.Entries.Where(e => e.Id.Id == 2100).ToList();
        Assert.That(retries.Select(e => e.Level), Is.All.EqualTo(LogLevel.Debug));
        Assert.That(retries[0].Text, Does.Contain("retry 1 of 4").And.Contain($"{(int)transient}"));
        Assert.That(retries[1].Text, Does.Contain("retry 2 of 4"));
        Assert.That(_logger.Entries.Any(e => e.Level >= LogLevel.Warning), Is.False);
        Assert.That(string.Join("\n", _logger.Entries.Select(e => e.Text)), Does.Not.Contain("secret-query"));
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.RequestEntityTooLarge)]
    [TestCase(HttpStatusCode.NotImplemented)]
    public async Task SendAsync_FinalStatus_IsNotRetried(HttpStatusCode status)
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(status));
        using var http = Client(stub, Options());

        using var response = await http.GetAsync(s_uri);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(stub.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_ConnectionFailures_AreRetried()
    {
        var stub = new StubHandler((_, call) => call switch
        {
            1 => throw new HttpRequestException(
                HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)),
            2 => throw new IOException("reset by peer"),
            _ => new HttpResponseMessage(HttpStatusCode.OK),
        });
        using var http = Client(stub, Options());

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, s_uri));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stub.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task SendAsync_InMemoryBody_IsSentAgainWhole()
    {
        var stub = new StubHandler((_, call) =>
            new HttpResponseMessage(call == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created));
        using var http = Client(stub, Options());

        using var response = await http.PutAsync(s_uri, new ByteArrayContent(new byte[1234]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(stub.Received.Select(r => r.BodyLength), Is.EqualTo(new[] { 1234, 1234 }));
    }

    [Test]
    public async Task SendAsync_StreamedFileBody_IsNeverReplayed()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, new byte[4096]);
            var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            using var http = Client(stub, Options());

            using var response = await http.PutAsync(s_uri, new FileRangeContent(file, 0, 4096));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(stub.Calls, Is.EqualTo(1));
            Assert.That(_logger.Entries.Any(e => e.Level >= LogLevel.Warning), Is.False);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task SendAsync_StreamedBodyConnectionDrop_ThrowsAtOnce()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, new byte[10]);
            var stub = new StubHandler((_, _) => throw new HttpRequestException("broken pipe"));
            using var http = Client(stub, Options());

            Assert.ThrowsAsync<HttpRequestException>(() => http.PatchAsync(s_uri, new FileRangeContent(file, 0, 10)));
            Assert.That(stub.Calls, Is.EqualTo(1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task SendAsync_RetriesExhausted_ReturnsLastAnswerAndWarnsOnce()
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway));
        using var http = Client(stub, Options(retries: 2));

        using var response = await http.GetAsync(s_uri);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(stub.Calls, Is.EqualTo(3));
        var warnings = _logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Id.Id, Is.EqualTo(2101));
        Assert.That(warnings[0].Text, Does.Contain("after 3 attempts").And.Not.Contain("secret-query"));
    }

    [Test]
    public async Task SendAsync_RetryAfterSeconds_WaitsThatLongOnTheTimeProvider()
    {
        var stub = new StubHandler((_, call) => call == 1 ? TooManyRequests("7") : new HttpResponseMessage());
        using var http = Client(stub, Options(baseDelay: TimeSpan.FromMilliseconds(1)));

        var send = http.GetAsync(s_uri);
        await AdvanceUntilDoneAsync(send, TimeSpan.FromMilliseconds(250));

        Assert.That((await send).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stub.Calls, Is.EqualTo(2));
        Assert.That(_logger.Entries.Single(e => e.Id.Id == 2100).Text, Does.Contain("in 7000 ms"));
    }

    [Test]
    public async Task SendAsync_RetryAfterDateBeyondCap_WaitsTheCap()
    {
        var later = _time.GetUtcNow().AddHours(2).ToString("R");
        var stub = new StubHandler((_, call) => call == 1 ? TooManyRequests(later) : new HttpResponseMessage());
        using var http = Client(stub, Options(maxRetryAfter: TimeSpan.FromSeconds(3)));

        var send = http.GetAsync(s_uri);
        await AdvanceUntilDoneAsync(send, TimeSpan.FromMilliseconds(250));

        Assert.That((await send).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_logger.Entries.Single(e => e.Id.Id == 2100).Text, Does.Contain("in 3000 ms"));
    }

    [Test]
    public async Task SendAsync_AttemptsOutlastTotalTimeout_ThrowsTaskCanceledWithTimeout()
    {
        var stub = new HangingHandler();
        var options = Options(retries: 3);
        options.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.TotalRequestTimeout = TimeSpan.FromSeconds(25);
        using var http = Client(stub, options);

        var send = http.GetAsync(s_uri);
        await AdvanceUntilDoneAsync(send, TimeSpan.FromSeconds(1));

        var exception = Assert.ThrowsAsync<TaskCanceledException>(() => send);
        Assert.That(exception!.InnerException, Is.TypeOf<TimeoutException>());
        Assert.That(stub.Calls, Is.GreaterThanOrEqualTo(1));
        Assert.That(_logger.Entries.Where(e => e.Id.Id == 2102).Select(e => e.Level), Is.EqualTo(new[]
        {
            LogLevel.Warning,
        }));
    }

    [Test]
    public async Task SendAsync_AttemptTimesOut_IsRetried()
    {
        var stub = new HangingHandler(hangingCalls: 1);
        var options = Options();
        options.AttemptTimeout = TimeSpan.FromSeconds(10);
        using var http = Client(stub, options);

        var send = http.GetAsync(s_uri);
        await AdvanceUntilDoneAsync(send, TimeSpan.FromSeconds(1));

        Assert.That((await send).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stub.Calls, Is.EqualTo(2));
        Assert.That(_logger.Entries.Single(e => e.Id.Id == 2100).Text, Does.Contain("TimeoutRejectedException"));
    }

    [Test]
    public void SendAsync_CallerCancels_IsNotRetried()
    {
        using var cancel = new CancellationTokenSource();
        var stub = new StubHandler((_, _) =>
        {
            cancel.Cancel();
            throw new TaskCanceledException();
        });
        using var http = Client(stub, Options());

        Assert.CatchAsync<OperationCanceledException>(() => http.GetAsync(s_uri, cancel.Token));
        Assert.That(stub.Calls, Is.EqualTo(1));
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsConfigurationError()
    {
        var options = new RegistryResilienceOptions { MaxRetryAttempts = 50 };

        var exception = Assert.Throws<RegistryConfigurationException>(
            () => _ = new RegistryResiliencePipeline(options, _time, _logger));

        Assert.That(exception!.Message, Does.Contain("MaxRetryAttempts must be between 0 and 10; it is 50."));
    }

    private static RegistryResilienceOptions Options(
        int retries = 4, TimeSpan? baseDelay = null, TimeSpan? maxRetryAfter = null) =>
        new()
        {
            MaxRetryAttempts = retries,
            BaseDelay = baseDelay ?? TimeSpan.Zero,
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(60),
        };

    private static HttpResponseMessage TooManyRequests(string retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    private HttpClient Client(HttpMessageHandler inner, RegistryResilienceOptions options)
    {
        var handler = new RegistryResiliencePipeline(options, _time, _logger).CreateHandler();
        handler.InnerHandler = inner;
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Moves fake time forward in steps, yielding between them, until the task ends (or ten real seconds pass, so
    /// that a broken test fails rather than hangs).
    /// </summary>
    private async Task AdvanceUntilDoneAsync(Task task, TimeSpan step)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && guard.Elapsed < TimeSpan.FromSeconds(30))
        {
            _time.Advance(step);

            // Let the pipeline's continuations (a retry, its next attempt timer) run on the thread pool before the
            // fake clock moves on; a bare yield let the clock race past the total timeout on a busy machine.
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
        }
    }

    /// <summary>Never answers its first calls until they are cancelled; answers 200 after them.</summary>
    private sealed class HangingHandler(int hangingCalls = int.MaxValue) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= hangingCalls)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}

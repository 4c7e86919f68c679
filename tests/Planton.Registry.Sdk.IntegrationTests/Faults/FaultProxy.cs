using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>
/// A reverse proxy on 127.0.0.1 (ephemeral port) in front of a loopback registry that injects faults by a
/// <see cref="FaultSchedule"/>: 500, 503 and 429 (with <c>Retry-After: 1</c>) answered in the registry's place,
/// connections cut halfway through a request body or before the answer, and pauses. One request per connection
/// (<c>Connection: close</c> both ways); the Host header is passed on, so the registry's upload locations point back
/// at the proxy. Counts what it injected.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly FaultSchedule _schedule;
    private readonly Random _pauses = new(7);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentDictionary<FaultKind, int> _injected = new();

    public FaultProxy(Uri upstream, FaultSchedule schedule)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _schedule = schedule;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>How many requests each fault hit (None counts the untouched ones).</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected => _injected;

    public int Count(FaultKind kind) => _injected.TryGetValue(kind, out var count) ? count : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                var (requestLine, headers) = Parse(head);
                var parts = requestLine.Split(' ');
                var length = headers.TryGetValue("Content-Length", out var text)
                    ? long.Parse(text, CultureInfo.InvariantCulture)
                    : 0;
                var fault = _schedule.Next(parts[0], parts[1], length);
                _injected.AddOrUpdate(fault, 1, (_, c) => c + 1);
                switch (fault)
                {
                    case FaultKind.InternalServerError:
                        await DiscardAsync(stream, length);
                        await AnswerAsync(stream, 500, "Internal Server Error", null);
                        return;
                    case FaultKind.ServiceUnavailable:
                        await DiscardAsync(stream, length);
                        await AnswerAsync(stream, 503, "Service Unavailable", null);
                        return;
                    case FaultKind.TooManyRequests:
                        await DiscardAsync(stream, length);
                        await AnswerAsync(stream, 429, "Too Many Requests", "1");
                        return;
                    case FaultKind.Delay:
                        int pause;
                        lock (_pauses)
                        {
                            pause = _pauses.Next(20, 150);
                        }

                        await Task.Delay(pause);
                        break;
                }

                await ForwardAsync(client, stream, requestLine, headers, length, fault == FaultKind.Drop);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // One side went away; the other sees the connection close, which is the point of a fault.
            }
        }
    }

    private async Task ForwardAsync(
        TcpClient client, NetworkStream stream, string requestLine, Dictionary<string, string> headers, long length,
        bool drop)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(_upstream);
        var toRegistry = upstream.GetStream();
        var head = new StringBuilder(requestLine).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Connection: close\r\n\r\n");
        await toRegistry.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (drop && length > 0)
        {
            await CopyExactlyAsync(stream, toRegistry, length / 2);
            Abort(upstream);
            Abort(client);
            return;
        }

        await CopyExactlyAsync(stream, toRegistry, length);
        if (drop)
        {
            var buffer = new byte[1];
            _ = await toRegistry.ReadAsync(buffer);
            Abort(upstream);
            Abort(client);
            return;
        }

        await toRegistry.CopyToAsync(stream);
        await stream.FlushAsync();
    }

    private static void Abort(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static async Task AnswerAsync(NetworkStream stream, int status, string reason, string? retryAfter)
    {
        var body = Encoding.UTF8.GetBytes(
            $"{{\"errors\":[{{\"code\":\"UNAVAILABLE\",\"message\":\"fault proxy: {status}\"}}]}}");
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (retryAfter is not null)
        {
            head.Append("Retry-After: ").Append(retryAfter).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static async Task DiscardAsync(NetworkStream stream, long length) =>
        await CopyExactlyAsync(stream, Stream.Null, length);

    private static async Task CopyExactlyAsync(Stream from, Stream to, long length)
    {
        var buffer = new byte[64 * 1024];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
            if (read == 0)
            {
                throw new IOException("The client closed the connection mid-body.");
            }

            await to.WriteAsync(buffer.AsMemory(0, read));
            remaining -= read;
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < MaxHeadBytes)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString(head.ToArray(), 0, head.Count - 4);
            }
        }

        return null;
    }

    private static (string RequestLine, Dictionary<string, string> Headers) Parse(string head)
    {
        var lines = head.Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (lines[0], headers);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port, over plain TCP or TLS, one request per connection
/// (it answers with <c>Connection: close</c>). Enough for token services: Content-Length and chunked request
/// bodies, any response. Every request is recorded.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<FakeRequest, Task<FakeResponse>> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private LoopbackHttpServer(
        Func<FakeRequest, Task<FakeResponse>> handler, X509Certificate2? certificate, IPAddress? address = null)
    {
        _handler = handler;
        _certificate = certificate;
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("Fakes listen on loopback addresses only.", nameof(address));
        }

        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"{(certificate is null ? "http" : "https")}://{address}:{Port}/");
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public string Authority => BaseUri.Authority;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public static LoopbackHttpServer Start(
        Func<FakeRequest, FakeResponse> handler, X509Certificate2? certificate = null) =>
        new(request => Task.FromResult(handler(request)), certificate);

    public static LoopbackHttpServer Start(
        Func<FakeRequest, Task<FakeResponse>> handler, X509Certificate2? certificate = null) =>
        new(handler, certificate);

    /// <summary>Starts a plain-http fake on another loopback address, such as 127.0.0.2 (another host).</summary>
    public static LoopbackHttpServer StartOn(IPAddress address, Func<FakeRequest, FakeResponse> handler) =>
        new(request => Task.FromResult(handler(request)), null, address);

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
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    await ssl.AuthenticateAsServerAsync(_certificate, false, false);
                    stream = ssl;
                }

                await using (stream)
                {
                    var request = await ReadRequestAsync(stream);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    FakeResponse response;
                    try
                    {
                        response = await _handler(request);
                    }
                    catch (Exception e)
                    {
                        response = new FakeResponse(500, e.GetType().Name + ": " + e.Message, "text/plain");
                    }

                    await WriteResponseAsync(stream, response);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException)
            {
                // The client went away or refused the certificate; nothing to answer.
            }
        }
    }

    private static async Task<FakeRequest?> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => (Line: l, Colon: l.IndexOf(':', StringComparison.Ordinal)))
            .Select(h => new KeyValuePair<string, string>(h.Line[..h.Colon], h.Line[(h.Colon + 1)..].Trim()))
            .ToList();
        byte[] body;
        var length = headers
            .FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        if (chunked)
        {
            body = await ReadChunkedAsync(stream);
        }
        else
        {
            body = new byte[length is null ? 0 : int.Parse(length, CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body);
        }

        return new FakeRequest(parts[0], parts[1], headers, body);
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream stream)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream)).Length > 0)
                {
                }

                return body.ToArray();
            }

            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk);
            body.Write(chunk);
            await ReadLineAsync(stream);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) > 0)
        {
            if (one[0] == '\n')
            {
                break;
            }

            if (one[0] != '\r')
            {
                line.Add(one[0]);
            }
        }

        return Encoding.ASCII.GetString(line.ToArray());
    }

    private static async Task WriteResponseAsync(Stream stream, FakeResponse response)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {ReasonPhrase(response.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Status",
    };
}

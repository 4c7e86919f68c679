using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Planton.Registry.Sdk.IntegrationTests.Diagnostics;

/// <summary>
/// A tiny registry on 127.0.0.1 for what the loopback registries cannot show: it lets testuser/testpassword in at
/// <c>/v2/</c> (Basic) and answers upload sessions as told: accepted, 403 DENIED (no push permission) or 404
/// NAME_UNKNOWN (a registry that does not create repositories on push).
/// </summary>
internal sealed class FakeRegistryServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly string _expectedAuthorization;

    public FakeRegistryServer(FakeUploadAnswer uploadAnswer)
    {
        UploadAnswer = uploadAnswer;
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            LoopbackServers.Require("PLANTON_REGISTRY_USER") + ":"
            + LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD")));
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public FakeUploadAnswer UploadAnswer { get; }

    /// <summary>Every request as <c>METHOD path</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e)
                when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;

            // One request per connection: no race between the client reusing a connection and the listener
            // closing it.
            response.KeepAlive = false;
            Answer(context.Request, response);
            if (response.StatusCode is 200 or 202 or 204 or 401)
            {
                response.ContentLength64 = 0;
            }
        }
    }

    private void Answer(HttpListenerRequest request, HttpListenerResponse response)
    {
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path}");
        if (request.Headers["Authorization"] != _expectedAuthorization)
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"fake-registry\"");
            return;
        }

        if (path == "/v2/")
        {
            response.StatusCode = 200;
            return;
        }

        if (request.HttpMethod == "POST" && path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            switch (UploadAnswer)
            {
                case FakeUploadAnswer.Deny:
                    WriteError(response, 403, "DENIED", "requested access to the resource is denied");
                    return;
                case FakeUploadAnswer.UnknownRepository:
                    WriteError(response, 404, "NAME_UNKNOWN", "repository name not known to registry");
                    return;
                default:
                    response.StatusCode = 202;
                    response.AddHeader("Location", path + "fake-session");
                    return;
            }
        }

        if (request.HttpMethod == "DELETE")
        {
            response.StatusCode = 204;
            return;
        }

        WriteError(response, 404, "NAME_UNKNOWN", "repository name not known to registry");
    }

    private static void WriteError(HttpListenerResponse response, int status, string code, string message)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}");
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.OutputStream.Write(body);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

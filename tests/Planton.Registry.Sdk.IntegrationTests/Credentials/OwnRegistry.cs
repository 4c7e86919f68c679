using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Planton.Registry.Sdk.IntegrationTests.Credentials;

/// <summary>
/// A CNCF distribution registry (the docker-registry binary that registry-up.sh runs) started by the test on a free
/// loopback port, with an htpasswd of the users the cloud providers fix (<c>AWS</c>, <c>oauth2accesstoken</c>, the
/// null GUID of ACR), whose passwords are what the token-service fakes mint. The shared registries accept only
/// <c>testuser</c>; this one lets a provider's real user name log in. Stopped (by its process) when disposed.
/// </summary>
internal sealed class OwnRegistry : IAsyncDisposable
{
    private readonly Process _process;

    private OwnRegistry(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string Url => $"http://{Host}";

    public static async Task<OwnRegistry> StartAsync(string folder, IReadOnlyDictionary<string, string> users)
    {
        Directory.CreateDirectory(folder);
        var htpasswd = Path.Combine(folder, "htpasswd");
        var first = true;
        foreach (var (user, password) in users)
        {
            var result = await ProcessRunner.RunAsync("htpasswd", [first ? "-Bbc" : "-Bb", htpasswd, user, password]);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            first = false;
        }

        var port = FreePort();
        var config = Path.Combine(folder, "registry.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {Path.Combine(folder, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
              secret: planton-cred-test
            auth:
              htpasswd:
                realm: planton-cred
                path: {htpasswd}
            """);
        var start = new ProcessStartInfo("docker-registry")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                listening.TrySetException(
                    new InvalidOperationException("docker-registry exited:\n" + string.Join('\n', log)));
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new OwnRegistry(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

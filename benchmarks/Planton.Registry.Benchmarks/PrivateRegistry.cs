using System.Diagnostics;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// A CNCF distribution registry (the docker-registry binary that registry-up.sh installs) of the benchmark's own, on
/// a loopback port, with the configuration of registry-up.sh's basic instance (htpasswd auth, access log, delete on)
/// but its own storage folder, so that every measured push goes into empty storage without disturbing the shared
/// instances. Started and stopped by its process id.
/// </summary>
internal sealed class PrivateRegistry : IAsyncDisposable
{
    private readonly string _root;
    private readonly int _port;
    private readonly string _user;
    private readonly string _password;
    private Process? _process;

    public PrivateRegistry(string root, int port, string user, string password)
    {
        _root = root;
        _port = port;
        _user = user;
        _password = password;
    }

    public string Host => $"127.0.0.1:{_port}";

    public Uri Url => new($"http://{Host}");

    private string DataDirectory => Path.Combine(_root, "data");

    private string ConfigPath => Path.Combine(_root, "config.yml");

    private string LogPath => Path.Combine(_root, "registry.log");

    /// <summary>Stops the registry if it runs, empties its storage and starts it again.</summary>
    public async Task RestartEmptyAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(DataDirectory);
        await WriteConfigAsync();
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec docker-registry serve \"$0\" >>\"$1\" 2>&1");
        start.ArgumentList.Add(ConfigPath);
        start.ArgumentList.Add(LogPath);
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start.");
        await WaitReadyAsync();
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WriteConfigAsync()
    {
        var htpasswd = Path.Combine(_root, "htpasswd");
        if (!File.Exists(htpasswd))
        {
            var line = await ProcessRunner.RunCheckedAsync("htpasswd", ["-Bbn", _user, _password]);
            await File.WriteAllTextAsync(htpasswd, line.StandardOutput.Trim() + "\n");
        }

        await File.WriteAllTextAsync(
            ConfigPath,
            $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {DataDirectory}
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: {Host}
              secret: planton-bench-secret
              headers:
                X-Content-Type-Options: [nosniff]
            auth:
              htpasswd:
                realm: planton-registry
                path: {htpasswd}

            """);
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"docker-registry exited with {_process.ExitCode}; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/v2/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"The registry on {Host} did not answer within 20 s; see {LogPath}.");
    }
}

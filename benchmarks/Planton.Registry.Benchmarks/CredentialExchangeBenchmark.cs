using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// Counts token exchanges for many concurrent pushes against registry-up.sh's token instance: once by a handler on
/// the SDK's HTTP client that counts requests to the token service, once from the token server's own log. Each
/// scenario uses a fresh client, so a fresh token cache; the blob-location cache is off so that mounts ask for no
/// extra scopes.
/// </summary>
internal static class CredentialExchangeBenchmark
{
    public static async Task<IReadOnlyList<string>> RunAsync(
        string scriptsDirectory, string workDirectory, int pushes, IReadOnlyDictionary<string, string> environment)
    {
        var url = environment["PLANTON_REGISTRY_TOKEN_URL"];
        var realm = new Uri(environment["PLANTON_REGISTRY_TOKEN_REALM"]);
        var credentials = new FixedCredentials(
            environment["PLANTON_REGISTRY_USER"], environment["PLANTON_REGISTRY_PASSWORD"]);
        var layoutDirectory = Path.Combine(workDirectory, "credential-layout");
        if (!File.Exists(Path.Combine(layoutDirectory, "index.json")))
        {
            await ProcessRunner.RunCheckedAsync(
                "bash", [Path.Combine(scriptsDirectory, "make-oci-layout.sh"), layoutDirectory, "v1"]);
        }

        var layout = await OciImageLayout.OpenAsync(layoutDirectory);
        var endpoint = RegistryEndpoint.Create(url);
        var run = Guid.NewGuid().ToString("N")[..12];
        var lines = new List<string>();
        foreach (var repositories in new[] { 1, 10 })
        {
            var counter = new RequestCounter();
            await using var services = SdkClients.Build(null, () => new CountingHandler(realm.Authority, counter));
            var client = services.GetRequiredService<IOciRegistryClient>();
            var prefix = $"planton-bench/cred-{run}-{repositories}";
            await Task.WhenAll(Enumerable.Range(0, pushes).Select(i => client.PushAsync(
                endpoint, credentials, $"{prefix}-r{i % repositories}", layout, $"t{i}")));
            var logged = CountLoggedGrants(environment, prefix + "-");
            lines.Add(
                $"{pushes} concurrent pushes to {repositories} repositor{(repositories == 1 ? "y" : "ies")}: "
                + $"{counter.Count} token requests (expected {repositories}, one per scope); "
                + $"token-server log: {logged}");
        }

        return lines;
    }

    private static string CountLoggedGrants(IReadOnlyDictionary<string, string> environment, string marker)
    {
        var directory = environment.GetValueOrDefault("PLANTON_IT_DIR") ?? "/tmp/planton-it";
        var log = Path.Combine(directory, "registry", "token-server.log");
        if (!File.Exists(log))
        {
            return "not found";
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return $"{count} requests";
    }
}

using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk;
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
        foreach (var (repositories, seeded) in new[] { (1, true), (10, false) })
        {
            var prefix = $"planton-bench/cred-{run}-{repositories}";
            if (seeded)
            {
                // The blobs go in first, with a client of their own, so that the concurrent pushes below race only
                // for tokens: distribution 2.8 can lose a blob link when many pushes upload one blob at once.
                await using var seeding = SdkClients.Build(null);
                await seeding.GetRequiredService<IOciRegistryClient>()
                    .PushAsync(endpoint, credentials, prefix + "-r0", layout, "seed");
            }

            var counter = new RequestCounter();
            await using var services = SdkClients.Build(null, () => new CountingHandler(realm.Authority, counter));
            var client = services.GetRequiredService<IOciRegistryClient>();
            var outcomes = await Task.WhenAll(Enumerable.Range(0, pushes).Select(async i =>
            {
                try
                {
                    await client.PushAsync(endpoint, credentials, $"{prefix}-r{i % repositories}", layout, $"t{i}");
                    return null;
                }
                catch (RegistryException ex)
                {
                    return ex.Message;
                }
            }));
            var failures = outcomes.OfType<string>().ToList();
            var logged = CountLoggedGrants(environment, prefix + "-", seeded ? 1 : 0);
            lines.Add(
                $"{pushes} concurrent pushes to {repositories} repositor{(repositories == 1 ? "y" : "ies")}"
                + (seeded ? " already holding the blobs" : ", blobs uploaded") + ": "
                + $"{counter.Count} token requests (expected {repositories}, one per scope); "
                + $"token-server log: {logged}"
                + (failures.Count == 0
                    ? string.Empty
                    : $"; {failures.Count} pushes failed, first: {failures[0]}"));
        }

        return lines;
    }

    private static string CountLoggedGrants(
        IReadOnlyDictionary<string, string> environment, string marker, int notCounted)
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

        return $"{count - notCounted} requests";
    }
}

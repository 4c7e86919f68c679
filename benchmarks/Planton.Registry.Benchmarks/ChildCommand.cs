using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Benchmarks;

/// <summary>
/// One SDK push or pull in a process of its own, so that its peak resident memory (VmHWM) belongs to that operation
/// alone. Prints one line <c>RESULT {json}</c>. The password comes from <c>PLANTON_BENCH_PASSWORD</c>.
/// </summary>
internal static class ChildCommand
{
    public const string PasswordVariable = "PLANTON_BENCH_PASSWORD";

    public static async Task<int> RunAsync(string[] args)
    {
        var operation = args[0];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var startResident = ProcStatus.ResidentKib();
        var endpoint = RegistryEndpoint.Create(values["--registry"]);
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? string.Empty;
        var credentials = new FixedCredentials(values["--user"], password);
        var parallel = int.Parse(values.GetValueOrDefault("--parallel", "4"));
        await using var services = SdkClients.Build(values.GetValueOrDefault("--cache"));
        var client = services.GetRequiredService<IOciRegistryClient>();
        ChildResult result;
        if (operation == "push")
        {
            var watch = Stopwatch.StartNew();
            var layout = await OciImageLayout.OpenAsync(values["--layout"]);
            var pushed = await client.PushAsync(
                endpoint, credentials, values["--repository"], layout, values["--tag"],
                new PushOptions { MaxParallelBlobs = parallel });
            watch.Stop();

            // Every blob is there now: a second push of the same image is HEADs and one manifest PUT.
            var again = Stopwatch.StartNew();
            var repushed = await client.PushAsync(
                endpoint, credentials, values["--repository"], layout, values["--repush-tag"],
                new PushOptions { MaxParallelBlobs = parallel });
            again.Stop();
            if (repushed.BlobsUploaded != 0 || repushed.Digest != pushed.Digest)
            {
                throw new InvalidOperationException("The re-push uploaded blobs or pushed another digest.");
            }

            result = new ChildResult(
                "push", watch.Elapsed.TotalMilliseconds, again.Elapsed.TotalMilliseconds, ProcStatus.PeakResidentKib(),
                startResident, pushed.BlobsUploaded, pushed.BlobsSkipped, pushed.BlobsMounted, 0);
        }
        else if (operation == "pull")
        {
            var watch = Stopwatch.StartNew();
            var pulled = await client.PullAsync(
                endpoint, credentials, values["--repository"], values["--tag"], values["--out"],
                new PullOptions { MaxParallelBlobs = parallel });
            watch.Stop();
            result = new ChildResult(
                "pull", watch.Elapsed.TotalMilliseconds, double.NaN, ProcStatus.PeakResidentKib(), startResident,
                0, 0, 0, pulled.BytesDownloaded);
        }
        else
        {
            await Console.Error.WriteLineAsync($"Unknown child operation '{operation}'.");
            return 2;
        }

        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, s_json));
        return 0;
    }

    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static JsonSerializerOptions Json => s_json;
}

// Store a Cloudflare Worker script bundle (a folder of modules) in R2 under its service name and commit SHA, so that a
// deployment can fetch exactly that version later. The connection is named "workers" and comes from configuration,
// its secret from the environment, e.g. for the S3 server of ../shared/scripts/s3-up.sh:
//   PlantonRegistries__Connections__workers__Provider=CloudflareR2
//   PlantonRegistries__Connections__workers__CloudflareR2__AccountId=0123456789abcdef0123456789abcdef
//   PlantonRegistries__Connections__workers__CloudflareR2__Endpoint=http://127.0.0.1:4569
//   PlantonRegistries__Connections__workers__CloudflareR2__Bucket=planton-workers
//   PlantonRegistries__Connections__workers__CloudflareR2__AccessKeyId=$PLANTON_S3_ACCESS_KEY_ID
//   PlantonRegistries__Connections__workers__CloudflareR2__SecretAccessKey=$PLANTON_S3_SECRET_ACCESS_KEY
// Arguments: [DIR] (default worker/). BUNDLE_NAME (default hello-worker) and BUNDLE_TAG (default dev) name the version.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Bundles;
using Planton.Registry.Sdk.Connections;

// 1. A host with the SDK: connections are bound from configuration and validated when the host starts.
var builder = Host.CreateApplicationBuilder(
    new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPlantonRegistries(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();

// 2. The R2 connection, as validated configuration.
var connection = host.Services.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value.Connections["workers"];

// 3. A bundle store over it, with the host's HTTP clients and logging.
using var store = WorkerBundleStore.Create(
    connection,
    httpClientFactory: host.Services.GetRequiredService<IHttpClientFactory>(),
    loggerFactory: host.Services.GetRequiredService<ILoggerFactory>());

// 4. Store the folder: every file, then the manifest that makes the version complete. The same content again is a
//    no-op; other content under a stored version is refused unless BundlePutOptions.Force is set.
var directory = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "worker");
var name = Environment.GetEnvironmentVariable("BUNDLE_NAME") ?? "hello-worker";
var tag = Environment.GetEnvironmentVariable("BUNDLE_TAG") ?? "dev";
var stored = await store.PutAsync(name, tag, directory);
Console.WriteLine(
    $"{stored.ServiceName}:{stored.Tag} {(stored.AlreadyStored ? "already stored" : "stored")} in "
    + $"{stored.Bucket}/{stored.KeyPrefix} ({stored.Files.Count} file(s), main module {stored.MainModule})");

// 5. The versions a deployment can choose from.
foreach (var version in await store.ListAsync(name))
{
    Console.WriteLine($"  {version.Tag}  {version.StoredAt:u}  {version.FileCount} file(s), {version.Size} bytes");
}

// Push an OCI image layout to the registry of one image connection: AWS ECR, GCP Artifact Registry, Azure Container
// Registry, JFrog Artifactory, GitHub Container Registry or any OCI registry. The connection is named "images" and
// comes from configuration: appsettings.json for the plain fields, environment variables for the secrets, e.g. for
// the loopback registry of ../shared/scripts/registry-up.sh:
//   PlantonRegistries__Connections__images__Provider=OciRegistry
//   PlantonRegistries__Connections__images__OciRegistry__Url=http://127.0.0.1:5001
//   PlantonRegistries__Connections__images__OciRegistry__Username=testuser
//   PlantonRegistries__Connections__images__OciRegistry__Password=testpassword
// Optional: PUSH_LAYOUT (an OCI image layout directory; default: one built from image/), PUSH_IMAGE (default
// samples/hello), PUSH_TAG (default dev). Prints <registry-host>/<repository-path>:<tag>@<digest>.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;

// 1. A host with the SDK: connections are bound from configuration and validated when the host starts.
var builder = Host.CreateApplicationBuilder(
    new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPlantonRegistries(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();

// 2. The connection's provider knows the registry host, the repository prefix and where credentials come from.
var provider = host.Services.GetRequiredService<IRegistryConnections>().Get("images");
var image = Environment.GetEnvironmentVariable("PUSH_IMAGE") ?? "samples/hello";
var tag = Environment.GetEnvironmentVariable("PUSH_TAG") ?? "dev";

// 3. Test the connection first: if the host, the credentials, the push permission or the repository is wrong, say
//    which, with the provider's remedy, instead of failing half-way through the push.
var report = await host.Services.GetRequiredService<IConnectionTester>().TestAsync(provider, image);
if (!report.Succeeded)
{
    Console.Error.WriteLine(report);
    return 1;
}

// 4. The image: a layout that a build wrote (PUSH_LAYOUT), or one built here from the files of image/.
var layout = Environment.GetEnvironmentVariable("PUSH_LAYOUT");
if (string.IsNullOrEmpty(layout))
{
    layout = Path.Combine(Path.GetTempPath(), "push-to-registry-" + Guid.NewGuid().ToString("N"));
    await OciImageLayout.CreateFromFilesAsync(Path.Combine(AppContext.BaseDirectory, "image"), layout, tag);
}

// 5. Push: blobs the registry already holds are skipped, and the provider's rules apply (ECR: one blob at a time).
var result = await host.Services.GetRequiredService<IImageTransfer>().PushAsync(provider, layout, image, tag);
Console.Error.WriteLine($"uploaded {result.BlobsUploaded} blob(s), {result.BlobsSkipped} already there");

// 6. The reference pinned to its digest: what a deployment should pull.
Console.WriteLine(result);
return 0;

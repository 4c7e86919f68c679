// Quick start: build a small image from a folder, tag it with the current commit, push it.
// With no connection configured it pushes into a local OCI image layout directory; with a connection named
// "quickstart" (appsettings.json or PlantonRegistries__Connections__quickstart__* environment variables) it
// pushes to that registry instead.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;

// 1. A host with the SDK: connections come from configuration and are validated at start.
var builder = Host.CreateApplicationBuilder(
    new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPlantonRegistries(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();

// 2. The tag is the commit SHA, as the build platform tags every image.
var tag = CurrentCommitSha() ?? "local-build";

// 3. Build the image: the files of site/ become one layer of an OCI image in a layout directory.
var layoutDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("QUICKSTART_LAYOUT") ?? "quickstart-layout");
var siteDirectory = Path.Combine(AppContext.BaseDirectory, "site");
var layout = await OciImageLayout.CreateFromFilesAsync(siteDirectory, layoutDirectory, tag);
var manifest = layout.FindManifest(tag)!;

// 4. No connection: the layout is the destination. Print it as skopeo and crane name it.
var connections = host.Services.GetRequiredService<IRegistryConnections>();
if (!connections.Names.Contains("quickstart", StringComparer.OrdinalIgnoreCase))
{
    Console.WriteLine($"oci:{layoutDirectory}:{tag}@{manifest.Digest}");
    return;
}

// 5. A connection: push the layout to its registry and print <registry-host>/<repository-path>:<tag>@<digest>.
var provider = connections.Get("quickstart");
var result = await host.Services.GetRequiredService<IImageTransfer>()
    .PushAsync(provider, layoutDirectory, "quickstart", tag);
Console.WriteLine(result);

static string? CurrentCommitSha()
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        var sha = git?.StandardOutput.ReadToEnd().Trim();
        git?.WaitForExit();
        return git?.ExitCode == 0 && sha is { Length: 40 } ? sha : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}

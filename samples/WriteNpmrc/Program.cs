// Write the .npmrc lines of an npm connection (GCP Artifact Registry, GitHub Packages or JFrog Artifactory with
// Format Npm), merged into the file: other lines stay, the file is replaced atomically with mode 0600. The connection
// is named "npm" and comes from configuration, its secret from the environment, e.g. for the loopback Verdaccio of
// ../shared/scripts/verdaccio-up.sh:
//   PlantonRegistries__Connections__npm__Provider=GitHubPackages
//   PlantonRegistries__Connections__npm__GitHubPackages__Format=Npm
//   PlantonRegistries__Connections__npm__GitHubPackages__Host=http://127.0.0.1:4873
//   PlantonRegistries__Connections__npm__GitHubPackages__Owner=planton
//   PlantonRegistries__Connections__npm__GitHubPackages__Username=testuser
//   PlantonRegistries__Connections__npm__GitHubPackages__PersonalAccessToken=$PLANTON_NPM_TOKEN
// Arguments: [PATH] (default the user's ~/.npmrc). NPMRC_SCOPE picks the package scope; NPMRC_PLACEHOLDERS=1 writes
// ${VAR} placeholders instead of the secret, which npm expands from its environment.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.ToolConfig;

// 1. A host with the SDK: connections are bound from configuration and validated when the host starts.
var builder = Host.CreateApplicationBuilder(
    new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPlantonRegistries(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();

// 2. The connection's provider: it knows the registry URL and how npm must authenticate there.
var provider = host.Services.GetRequiredService<IRegistryConnections>().Get("npm");

// 3. The entry: registry URL, scope and credential (GCP exchanges the service-account key for a token here).
var entry = await ToolConfigEntries.ForNpmAsync(provider, Environment.GetEnvironmentVariable("NPMRC_SCOPE"));

// 4. Merge it into the file, with the secret itself or with a placeholder npm expands from its environment.
var path = args.Length > 0 ? args[0] : ToolConfigPaths.GetDefaultNpmrcPath();
var options = new NpmrcWriteOptions
{
    UseEnvironmentPlaceholders = Environment.GetEnvironmentVariable("NPMRC_PLACEHOLDERS") == "1",
};
var result = await NpmrcWriter.WriteAsync(path, [entry], options);

// 5. Say what happened: the path, whether it changed, and the names (never the values) of variables to set.
Console.WriteLine(result);

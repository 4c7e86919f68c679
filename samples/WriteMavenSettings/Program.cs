// Write the <server> (and repository) of a Maven connection (GCP Artifact Registry, GitHub Packages or JFrog
// Artifactory with Format Maven) into settings.xml, merged: other servers, mirrors and profiles stay. The server id
// is the connection's name, "maven". The connection comes from configuration, its secret from the environment, e.g.:
//   PlantonRegistries__Connections__maven__Provider=JFrogArtifactory
//   PlantonRegistries__Connections__maven__JFrogArtifactory__Format=Maven
//   PlantonRegistries__Connections__maven__JFrogArtifactory__Url=https://acme.jfrog.io
//   PlantonRegistries__Connections__maven__JFrogArtifactory__RepositoryKey=libs-release
//   PlantonRegistries__Connections__maven__JFrogArtifactory__Username=ci
//   PlantonRegistries__Connections__maven__JFrogArtifactory__AccessToken=$JFROG_TOKEN
// Arguments: [PATH] (default ~/.m2/settings.xml). MAVEN_PLACEHOLDERS=1 writes ${env.VAR} placeholders instead of the
// secret, which Maven expands from its environment.
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

// 2. The connection's provider: it knows the repository URL and the user name Maven must send.
var provider = host.Services.GetRequiredService<IRegistryConnections>().Get("maven");

// 3. The server entry: id, user name, password (GCP exchanges the service-account key here) and repository URL.
var entry = await ToolConfigEntries.ForMavenAsync(provider);

// 4. Merge it into settings.xml, with the secret itself or with a placeholder Maven expands from its environment.
var path = args.Length > 0 ? args[0] : ToolConfigPaths.GetDefaultMavenSettingsPath();
var options = new MavenSettingsWriteOptions
{
    UseEnvironmentPlaceholders = Environment.GetEnvironmentVariable("MAVEN_PLACEHOLDERS") == "1",
};
var result = await MavenSettingsWriter.WriteAsync(path, [entry], options);

// 5. Say what happened: the path, whether it changed, and the names (never the values) of variables to set.
Console.WriteLine(result);

using Microsoft.Extensions.DependencyInjection;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.ToolConfig;

namespace Planton.Registry.Sdk.Tests.ToolConfig;

public sealed class DockerCredentialHelperTests
{
    [TestCase("ghcr.io", "ghcr.io")]
    [TestCase("  ghcr.io\n", "ghcr.io")]
    [TestCase("https://ghcr.io", "ghcr.io")]
    [TestCase("HTTPS://GHCR.IO/v2/", "ghcr.io")]
    [TestCase("http://127.0.0.1:5001/v2/", "127.0.0.1:5001")]
    [TestCase("127.0.0.1:5001", "127.0.0.1:5001")]
    [TestCase("https://index.docker.io/v1/", "index.docker.io")]
    [TestCase("registry.example/team/api", "registry.example")]
    [TestCase("registry.example?x=1", "registry.example")]
    [TestCase("https://", "")]
    [TestCase("", "")]
    public void NormalizeServerUrl_WhatDockerSends_TheRegistryHost(string serverUrl, string expected)
    {
        Assert.That(DockerCredentialHelper.NormalizeServerUrl(serverUrl), Is.EqualTo(expected));
    }

    [TestCase("127.0.0.1:5001")]
    [TestCase("https://127.0.0.1:5001/v2/")]
    [TestCase("http://127.0.0.1:5001")]
    public async Task GetAsync_ServerOfAConnection_ItsCredential(string serverUrl)
    {
        await using var services = Services();

        var credential = await services.GetRequiredService<IDockerCredentialHelper>().GetAsync(serverUrl);

        Assert.Multiple(() =>
        {
            Assert.That(credential!.ServerUrl, Is.EqualTo(serverUrl));
            Assert.That(credential.Username, Is.EqualTo("testuser"));
            Assert.That(credential.Secret.Reveal(), Is.EqualTo("testpassword"));
            Assert.That(credential.ToString(), Does.Not.Contain("testpassword"));
        });
    }

    [TestCase("127.0.0.1:5002")]
    [TestCase("127.0.0.1:9999")]
    [TestCase("")]
    public async Task GetAsync_ServerWithoutCredentials_Null(string serverUrl)
    {
        await using var services = Services();

        var credential = await services.GetRequiredService<IDockerCredentialHelper>().GetAsync(serverUrl);

        Assert.That(credential, Is.Null);
    }

    [Test]
    public async Task List_Connections_HostToUserForThoseWithCredentials()
    {
        await using var services = Services();

        var list = services.GetRequiredService<IDockerCredentialHelper>().List();

        Assert.That(list, Is.EqualTo(new Dictionary<string, string>
        {
            ["127.0.0.1:5001"] = "testuser",
            ["ghcr.io"] = "octocat",
        }));
    }

    private static ServiceProvider Services() => new ServiceCollection()
        .AddPlantonRegistries(options =>
        {
            options.Connections["basic"] = new RegistryConnectionOptions
            {
                Name = "basic",
                Provider = RegistryProviderKind.OciRegistry,
                OciRegistry = new OciRegistryOptions
                {
                    Url = "http://127.0.0.1:5001",
                    Username = "testuser",
                    Password = new Secret("testpassword"),
                },
            };
            options.Connections["anon"] = new RegistryConnectionOptions
            {
                Name = "anon",
                Provider = RegistryProviderKind.OciRegistry,
                OciRegistry = new OciRegistryOptions { Url = "http://127.0.0.1:5002" },
            };
            options.Connections["ghcr"] = new RegistryConnectionOptions
            {
                Name = "ghcr",
                Provider = RegistryProviderKind.GitHubContainerRegistry,
                GitHubContainerRegistry = new GitHubContainerRegistryOptions
                {
                    Username = "octocat",
                    PersonalAccessToken = new Secret("ghp_" + new string('a', 36)),
                },
            };
        })
        .BuildServiceProvider();
}

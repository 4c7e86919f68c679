using System.Text;
using Microsoft.Extensions.Configuration;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class RegistryConnectionBinderTests
{
    private const string Oci = "\"Name\":\"x\",\"Provider\":\"OciRegistry\"";

    [TestCase("{" + Oci + ",\"AllowInsecureHttp\":\"maybe\",\"OciRegistry\":{\"Url\":\"http://127.0.0.1:5001\"}}",
        "AllowInsecureHttp: must be true or false.")]
    [TestCase("{\"Name\":\"x\",\"Provider\":\"7\",\"OciRegistry\":{\"Url\":\"http://127.0.0.1:5001\"}}",
        "Provider: must be one of GcpArtifactRegistry, AwsEcr, AzureContainerRegistry, JFrogArtifactory, "
        + "GitHubContainerRegistry, GitHubPackages, CloudflareR2, OciRegistry.")]
    [TestCase(
        "{\"Name\":\"x\",\"Provider\":\"OciRegistry,AwsEcr\",\"OciRegistry\":{\"Url\":\"http://127.0.0.1:5001\"}}",
        "Provider: must be one of GcpArtifactRegistry, AwsEcr, AzureContainerRegistry, JFrogArtifactory, "
        + "GitHubContainerRegistry, GitHubPackages, CloudflareR2, OciRegistry.")]
    [TestCase("{" + Oci + ",\"OciRegistry\":{\"Url\":[\"http://127.0.0.1:5001\"]}}",
        "OciRegistry:Url: must be a single value, not an object or a list.")]
    [TestCase("{" + Oci + ",\"OciRegistry\":{\"Url\":\"http://127.0.0.1:5001\",\"Pasword\":\"p\"}}",
        "OciRegistry:Pasword: is not a field of OciRegistry; valid fields are Password, RegistryUrl, Repository, "
        + "Url, Username.")]
    public void Validate_OneBadValue_ReportsExactlyThatField(string json, string expected)
    {
        var connection = Read(json);

        var problems = connection.Validate().Select(p => p.ToString()).ToArray();

        Assert.That(problems, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Bind_BadEnumBesideGoodFields_KeepsTheGoodFields()
    {
        var connection = Read(
            "{\"Name\":\"x\",\"Provider\":\"JFrogArtifactory\",\"JFrogArtifactory\":{"
            + "\"Url\":\"https://acme.jfrog.io\",\"RepositoryKey\":\"docker-local\",\"Username\":\"ci\","
            + "\"AccessToken\":\"t\",\"DockerAccessMethod\":\"Subdmain\"}}");

        Assert.That(connection.JFrogArtifactory?.RepositoryKey, Is.EqualTo("docker-local"));
        Assert.That(
            connection.Validate().Select(p => p.Field),
            Is.EqualTo(new[] { "JFrogArtifactory:DockerAccessMethod" }));
    }

    [Test]
    public void Validate_UrlWithQuery_NeverEchoesTheQuery()
    {
        var connection = Read("{" + Oci + ",\"OciRegistry\":{\"Url\":\"http://10.1.2.3:5001?token=SEKRETquery\"}}");

        var text = string.Join("\n", connection.Validate().Select(p => p.ToString()));

        Assert.That(text, Does.Contain("OciRegistry:Url: "));
        Assert.That(text, Does.Not.Contain("SEKRETquery"));
    }

    private static RegistryConnectionOptions Read(string json)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .Build();
        var problems = new List<ConfigurationProblem>();
        var connection = RegistryConnectionBinder.Bind(configuration, problems);
        connection.BindingProblems = problems;
        return connection;
    }
}

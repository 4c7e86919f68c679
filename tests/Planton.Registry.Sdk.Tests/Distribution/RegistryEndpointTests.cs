using Planton.Registry.Sdk.Distribution;

namespace Planton.Registry.Sdk.Tests.Distribution;

public sealed class RegistryEndpointTests
{
    [TestCase("https://registry.example.com", "https://registry.example.com/", "registry.example.com")]
    [TestCase("https://registry.example.com/", "https://registry.example.com/", "registry.example.com")]
    [TestCase("registry.example.com", "https://registry.example.com/", "registry.example.com")]
    [TestCase("ghcr.io:443", "https://ghcr.io/", "ghcr.io")]
    [TestCase("https://localhost:5443", "https://localhost:5443/", "localhost:5443")]
    [TestCase("http://127.0.0.1:5001", "http://127.0.0.1:5001/", "127.0.0.1:5001")]
    [TestCase("http://127.8.9.10:5001", "http://127.8.9.10:5001/", "127.8.9.10:5001")]
    [TestCase("http://localhost:5000", "http://localhost:5000/", "localhost:5000")]
    [TestCase("http://LOCALHOST:5000", "http://localhost:5000/", "localhost:5000")]
    [TestCase("http://[::1]:5000", "http://[::1]:5000/", "[::1]:5000")]
    [TestCase("  https://Registry.Example.com  ", "https://registry.example.com/", "registry.example.com")]
    public void Create_ValidUrl_GivesBaseUriAndHost(string url, string baseUri, string host)
    {
        var endpoint = RegistryEndpoint.Create(url);

        Assert.That(endpoint.BaseUri.ToString(), Is.EqualTo(baseUri));
        Assert.That(endpoint.Host, Is.EqualTo(host));
        Assert.That(endpoint.AllowInsecureHttp, Is.False);
    }

    [TestCase(null, "is required")]
    [TestCase("", "is required")]
    [TestCase("ftp://registry.example.com", "scheme 'ftp' is not supported")]
    [TestCase("http://registry.example.com", "plain http to 'registry.example.com' is refused")]
    [TestCase("http://10.0.0.5:5000", "plain http to '10.0.0.5:5000' is refused")]
    [TestCase("http://localhost.example.com", "plain http to 'localhost.example.com' is refused")]
    [TestCase("https://user:pw@registry.example.com", "must not hold a user name or password")]
    [TestCase("https://registry.example.com/v2/", "must be only scheme://host[:port]")]
    [TestCase("https://registry.example.com?x=1", "must be only scheme://host[:port]")]
    [TestCase("https://", "is not a URL")]
    public void Create_InvalidUrl_ThrowsNamingTheField(string? url, string reason)
    {
        var exception = Assert.Throws<RegistryConfigurationException>(
            () => RegistryEndpoint.Create(url, fieldName: "OciRegistry:Url"));

        Assert.That(exception!.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0].Field, Is.EqualTo("OciRegistry:Url"));
        Assert.That(exception.Problems[0].Message, Does.Contain(reason));
    }

    [Test]
    public void Create_PlainHttpAllowed_Accepts()
    {
        var endpoint = RegistryEndpoint.Create("http://registry.internal:5000", allowInsecureHttp: true);

        Assert.That(endpoint.Host, Is.EqualTo("registry.internal:5000"));
        Assert.That(endpoint.AllowInsecureHttp, Is.True);
        Assert.That(endpoint.IsHttps, Is.False);
    }

    [Test]
    public void Create_NoFieldName_NamesRegistryUrl()
    {
        var exception = Assert.Throws<RegistryConfigurationException>(
            () => RegistryEndpoint.Create("http://example.com"));

        Assert.That(exception!.Problems[0].Field, Is.EqualTo("RegistryUrl"));
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>
/// A fake registry on 127.0.0.1 that redirects blob reads, as ECR does to S3, to a storage fake on 127.0.0.2 (another
/// loopback host): the storage host records every header it receives and must never see a credential.
/// </summary>
[Category("Integration")]
public sealed class CrossHostRedirectTests
{
    private const string User = "redirect-user";
    private const string Password = "redirect-password-never-at-storage";
    private const string Token = "bearer-token-never-at-storage";
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    [TestCase("basic")]
    [TestCase("bearer")]
    public async Task PullAsync_BlobsRedirectedToAnotherLoopbackHost_NoCredentialArrivesThere(string scheme)
    {
        var config = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        var layer = Encoding.UTF8.GetBytes("layer bytes " + Guid.NewGuid().ToString("N"));
        var blobs = new Dictionary<string, byte[]> { [Sha256(config)] = config, [Sha256(layer)] = layer };
        var manifest =
            $"{{\"schemaVersion\":2,\"mediaType\":\"{ManifestType}\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + $"\"digest\":\"{Sha256(config)}\","
            + $"\"size\":{config.Length}}},\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + $"\"digest\":\"{Sha256(layer)}\",\"size\":{layer.Length}}}]}}";
        await using var storage = LoopbackHttpServer.StartOn(IPAddress.Parse("127.0.0.2"), request =>
            blobs.TryGetValue(request.Path.Split('/')[^1], out var blob)
                ? new FakeResponse(200, Encoding.UTF8.GetString(blob), "application/octet-stream")
                : new FakeResponse(404, "{}"));
        LoopbackHttpServer? registry = null;
        registry = LoopbackHttpServer.Start(request =>
            Registry(request, scheme, registry!.BaseUri, storage.BaseUri, manifest));
        await using var registryServer = registry;
        var client = OciRegistryClient.Create(new HttpClient(OciRegistryClient.CreatePrimaryHandler()));
        var layout = Directory.CreateTempSubdirectory("planton-redirect-").FullName;

        try
        {
            var result = await client.PullAsync(
                RegistryEndpoint.Create(registry.BaseUri.AbsoluteUri),
                new StaticCredentialSource(new RegistryCredential(User, new Secret(Password))),
                "team/app",
                "v1",
                layout);

            Assert.That(result.BlobsDownloaded, Is.EqualTo(2));
            Assert.That(storage.Requests, Has.Count.EqualTo(2));
            var storageHeaders = storage.Requests.SelectMany(r => r.Headers).ToList();
            Assert.That(storageHeaders.Select(h => h.Key), Has.None.EqualTo("Authorization").IgnoreCase);
            Assert.That(storageHeaders.Select(h => h.Value), Has.None.Contains(Token));
            Assert.That(storageHeaders.Select(h => h.Value), Has.None.Contains(Basic()));
            Assert.That(storage.Requests.Select(r => r.Query), Is.All.EqualTo("sig=presigned-part"));
            Assert.That(registry.Requests.Count(r => r.Header("Authorization") is not null), Is.Positive);
        }
        finally
        {
            Directory.Delete(layout, recursive: true);
        }
    }

    private static FakeResponse Registry(
        FakeRequest request, string scheme, Uri self, Uri storage, string manifest)
    {
        if (request.Path == "/token")
        {
            return request.Header("Authorization") == "Basic " + Basic()
                ? FakeResponse.Json(200, new { token = Token, expires_in = 300 })
                : new FakeResponse(401, "{}");
        }

        var expected = scheme == "basic" ? "Basic " + Basic() : "Bearer " + Token;
        if (request.Header("Authorization") != expected)
        {
            var challenge = scheme == "basic"
                ? "Basic realm=\"fake\""
                : $"Bearer realm=\"{self}token\",service=\"fake\"";
            return new FakeResponse(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"auth\"}]}")
            {
                Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = challenge },
            };
        }

        if (request.Path == "/v2/team/app/manifests/v1")
        {
            return new FakeResponse(200, manifest, ManifestType);
        }

        if (request.Path.StartsWith("/v2/team/app/blobs/", StringComparison.Ordinal))
        {
            var digest = request.Path.Split('/')[^1];
            return new FakeResponse(307, string.Empty, "text/plain")
            {
                Headers = new Dictionary<string, string>
                {
                    ["Location"] = new Uri(storage, $"blob/{digest}?sig=presigned-part").AbsoluteUri,
                },
            };
        }

        return new FakeResponse(404, "{}");
    }

    private static string Basic() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}

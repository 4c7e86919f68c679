using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.IntegrationTests.Bundles;
using Planton.Registry.Sdk.IntegrationTests.Credentials;
using Planton.Registry.Sdk.IntegrationTests.Distribution;
using Planton.Registry.Sdk.Images;
using Planton.Registry.Sdk.Tests;
using Planton.Registry.Sdk.Tests.Fakes;

namespace Planton.Registry.Sdk.IntegrationTests.Faults;

/// <summary>
/// Every auth flow, through the SDK as a host app wires it (<c>AddPlantonRegistries</c>) with every logger at Trace
/// (the HTTP client factory's and the resilience handler's included): Basic on the real registry, Bearer through the
/// real token server, and GCP, ECR and ACR exchanges against their loopback fakes with an own registry that accepts
/// the minted credentials. Each pushes an image; then no secret may appear in any log line, exception or ToString.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SecretLeakAcrossAuthFlowsTests
{
    private const string ClientEmail = "pusher@planton-test.iam.gserviceaccount.com";
    private const string AccessKeyId = "AKIAPLANTONLEAK00001";
    private const string SecretAccessKey = "planton/leak+secret/access/key/0000000000";
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "66666666-7777-8888-9999-000000000000";
    private const string ClientSecret = "planton~leak~client~secret~value";
    private const string NullGuid = "00000000-0000-0000-0000-000000000000";

    private string _work = null!;
    private OwnRegistry _registry = null!;
    private FakeGoogleTokenServer _google = null!;
    private FakeEcrApiServer _ecr = null!;
    private FakeAzureServer _azure = null!;
    private X509Certificate2 _ca = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _work = Directory.CreateTempSubdirectory("planton-leak-").FullName;
        _google = new FakeGoogleTokenServer(TimeProvider.System)
        {
            AccessToken = "ya29.leak" + Guid.NewGuid().ToString("N"),
        };
        _google.RegisterKey(ClientEmail, TestKeys.Rsa);
        _ecr = new FakeEcrApiServer(TimeProvider.System) { Password = "ecr-leak-" + Guid.NewGuid().ToString("N") };
        _ecr.AddKey(AccessKeyId, SecretAccessKey);
        var tls = Path.GetDirectoryName(LoopbackServers.Require("PLANTON_TLS_CA"))!;
        _ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, "ca.crt"));
        var certificate = X509Certificate2.CreateFromPemFile(
            Path.Combine(tls, "ca.crt"), Path.Combine(tls, "server.key"));
        _azure = new FakeAzureServer(TimeProvider.System, certificate, TenantId, ClientId, ClientSecret)
        {
            RefreshToken = FakeJwt.Create(new Dictionary<string, object>
            {
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["exp"] = DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds(),
            }),
        };
        _registry = await OwnRegistry.StartAsync(Path.Combine(_work, "registry"), new Dictionary<string, string>
        {
            ["oauth2accesstoken"] = _google.AccessToken,
            ["AWS"] = _ecr.Password,
            [NullGuid] = _azure.RefreshToken!,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _registry.DisposeAsync();
        await _google.DisposeAsync();
        await _ecr.DisposeAsync();
        await _azure.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task PushAsync_EveryAuthFlowAtTrace_NoSecretInLogsExceptionsOrToString()
    {
        var password = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD");
        var user = LoopbackServers.Require("PLANTON_REGISTRY_USER");
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddPlantonRegistries(new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build());
        services.AddHttpClient("Planton.Registry.TokenService").ConfigurePrimaryHttpMessageHandler(TrustingHandler);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var connections = provider.GetRequiredService<IRegistryConnections>();
        var transfer = provider.GetRequiredService<IImageTransfer>();
        var layout = Path.Combine(_work, "layout");
        var digest = TestLayouts.WriteMultiLayer(layout, "v1", 20_000, 500);
        var texts = new List<string>();

        foreach (var name in new[] { "basic", "token", "gcp", "ecr", "acr" })
        {
            var registryProvider = connections.Get(name);
            var result = await transfer.PushAsync(registryProvider, layout, "leak-" + name, "v1");
            Assert.That(result.Digest, Is.EqualTo(digest), name);
            texts.Add(registryProvider.ToString()!);
            texts.Add(result.ToString()!);
            var credential = await registryProvider.Credentials.GetCredentialAsync(
                new RegistryScope(registryProvider.RegistryHost, null, RegistryAccess.Pull));
            texts.Add(credential?.ToString() ?? string.Empty);
            texts.Add(credential?.Password.ToString() ?? string.Empty);
        }

        var wrong = Settings();
        wrong["PlantonRegistries:Connections:basic:OciRegistry:Password"] = "wrong-" + password;
        var refused = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddPlantonRegistries(new ConfigurationBuilder().AddInMemoryCollection(wrong).Build())
            .BuildServiceProvider();
        await using (refused)
        {
            var basic = refused.GetRequiredService<IRegistryConnections>().Get("basic");
            var failure = Assert.CatchAsync<RegistryException>(() => refused.GetRequiredService<IImageTransfer>()
                .PushAsync(basic, layout, "leak-wrong", "v1"));
            texts.Add(failure!.ToString());
        }

        var everything = logs.AllText() + "\n" + string.Join("\n", texts);
        var secrets = new[]
        {
            password, "wrong-" + password, Basic(user, password), _google.AccessToken, SecretAccessKey,
            _ecr.Password, Basic("AWS", _ecr.Password), ClientSecret, _azure.RefreshToken!, _azure.AccessToken,
            _azure.EntraToken, "PRIVATE KEY", TestKeys.ServiceAccountKeyBase64(_google.TokenUri.AbsoluteUri),
        };
        Assert.Multiple(() =>
        {
            Assert.That(logs.Entries.Count(e => e.Level == LogLevel.Trace), Is.Positive);
            Assert.That(_azure.EntraToken, Is.Not.Empty);
            foreach (var secret in secrets.Where(s => s.Length > 0))
            {
                Assert.That(everything, Does.Not.Contain(secret), $"a secret of {secret.Length} characters leaked");
            }
        });
    }

    private Dictionary<string, string?> Settings()
    {
        const string c = "PlantonRegistries:Connections:";
        var basicUrl = LoopbackServers.Require("PLANTON_REGISTRY_URL");
        var tokenUrl = LoopbackServers.Require("PLANTON_REGISTRY_TOKEN_URL");
        var user = LoopbackServers.Require("PLANTON_REGISTRY_USER");
        var password = LoopbackServers.Require("PLANTON_REGISTRY_PASSWORD");
        return new Dictionary<string, string?>
        {
            [c + "basic:Provider"] = "OciRegistry",
            [c + "basic:OciRegistry:Url"] = basicUrl,
            [c + "basic:OciRegistry:Username"] = user,
            [c + "basic:OciRegistry:Password"] = password,
            [c + "basic:OciRegistry:Repository"] = "secrets",
            [c + "token:Provider"] = "OciRegistry",
            [c + "token:OciRegistry:Url"] = tokenUrl,
            [c + "token:OciRegistry:Username"] = user,
            [c + "token:OciRegistry:Password"] = password,
            [c + "token:OciRegistry:Repository"] = "secrets",
            [c + "gcp:Provider"] = "GcpArtifactRegistry",
            [c + "gcp:GcpArtifactRegistry:ProjectId"] = "planton-test",
            [c + "gcp:GcpArtifactRegistry:Region"] = "us-central1",
            [c + "gcp:GcpArtifactRegistry:RepositoryName"] = "images",
            [c + "gcp:GcpArtifactRegistry:ServiceAccountKey"] =
                TestKeys.ServiceAccountKeyBase64(_google.TokenUri.AbsoluteUri),
            [c + "gcp:GcpArtifactRegistry:RegistryUrl"] = _registry.Url,
            [c + "ecr:Provider"] = "AwsEcr",
            [c + "ecr:AwsEcr:AccountId"] = _ecr.AccountId,
            [c + "ecr:AwsEcr:Region"] = _ecr.Region,
            [c + "ecr:AwsEcr:AccessKeyId"] = AccessKeyId,
            [c + "ecr:AwsEcr:SecretAccessKey"] = SecretAccessKey,
            [c + "ecr:AwsEcr:Endpoint"] = _ecr.Endpoint.AbsoluteUri,
            [c + "ecr:AwsEcr:RegistryUrl"] = _registry.Url,
            [c + "ecr:AwsEcr:CreateRepositoryIfMissing"] = "true",
            [c + "acr:Provider"] = "AzureContainerRegistry",
            [c + "acr:AzureContainerRegistry:LoginServer"] = _azure.Authority,
            [c + "acr:AzureContainerRegistry:TenantId"] = TenantId,
            [c + "acr:AzureContainerRegistry:ClientId"] = ClientId,
            [c + "acr:AzureContainerRegistry:ClientSecret"] = ClientSecret,
            [c + "acr:AzureContainerRegistry:AuthorityHost"] = _azure.BaseUri.AbsoluteUri,
            [c + "acr:AzureContainerRegistry:RegistryUrl"] = _registry.Url,
        };
    }

    private SocketsHttpHandler TrustingHandler()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { _ca },
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return handler;
    }

    private static string Basic(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}

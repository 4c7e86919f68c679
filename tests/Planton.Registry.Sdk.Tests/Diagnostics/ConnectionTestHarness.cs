using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Credentials.Aws;
using Planton.Registry.Sdk.Diagnostics;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Providers;

namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>A connection tester over a scripted registry, a fake host probe and a fake clock.</summary>
internal sealed class ConnectionTestHarness
{
    public ConnectionTestHarness(string registryBase, string expectedAuthorization)
    {
        Handler = new ScriptedRegistryHandler(registryBase, expectedAuthorization);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public FakeHostProbe Probe { get; } = new();

    public ScriptedRegistryHandler Handler { get; }

    /// <summary>ECR's API; by default the keys may not call DescribeRepositories: the upload probe decides.</summary>
    public Mock<IEcrApi> Ecr { get; } = CreateEcr();

    /// <summary>Builds a provider as the SDK does; every cloud exchange hands back <paramref name="cloud"/>.</summary>
    public static IRegistryProvider Provider(RegistryConnectionOptions connection, RegistryCredential? cloud = null) =>
        Provider(connection, new StaticCredentialSource(cloud));

    /// <summary>Builds a provider whose cloud exchanges all go through <paramref name="source"/>.</summary>
    public static IRegistryProvider Provider(RegistryConnectionOptions connection, IRegistryCredentialSource source)
    {
        var clouds = new Mock<ICloudCredentialSources>();
        clouds.Setup(c => c.ForGcp(It.IsAny<RegistryConnectionOptions>())).Returns(source);
        clouds.Setup(c => c.ForEcr(It.IsAny<RegistryConnectionOptions>())).Returns(source);
        clouds.Setup(c => c.ForAcrServicePrincipal(It.IsAny<RegistryConnectionOptions>())).Returns(source);
        return new RegistryProviderFactory(clouds.Object).Create(connection);
    }

    public Task<ConnectionTestReport> TestAsync(IRegistryProvider provider, string? image = null)
    {
        var tester = new ConnectionTester(
            new SingleHttpClientFactory(new HttpClient(Handler)),
            Options.Create(new OciRegistryClientOptions()),
            Time,
            NullLogger<ConnectionTester>.Instance,
            Ecr.Object,
            Probe);
        return tester.TestAsync(provider, image);
    }

    private static Mock<IEcrApi> CreateEcr()
    {
        var ecr = new Mock<IEcrApi>();
        ecr.Setup(e => e.DescribeRepositoryAsync(
                It.IsAny<AwsEcrOptions>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RegistryAuthenticationException("not allowed: ecr:DescribeRepositories"));
        return ecr;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using Planton.Registry.Sdk.Distribution;
using Planton.Registry.Sdk.Images;

namespace Planton.Registry.Sdk.Tests.DependencyInjection;

public sealed class AddPlantonRegistriesTests
{
    private static readonly Dictionary<string, string?> s_valid = new()
    {
        ["PlantonRegistries:Connections:local:Provider"] = "OciRegistry",
        ["PlantonRegistries:Connections:local:OciRegistry:Url"] = "http://127.0.0.1:5001",
        ["PlantonRegistries:Connections:ghcr:Provider"] = "GitHubContainerRegistry",
        ["PlantonRegistries:Connections:ghcr:GitHubContainerRegistry:Username"] = "octocat",
        ["PlantonRegistries:Connections:ghcr:GitHubContainerRegistry:PersonalAccessToken"] = "ghp_secretvalue123",
    };

    public enum Overload
    {
        RootConfiguration,
        Section,
        FromServices,
        Action,
    }

    [TestCase(Overload.RootConfiguration)]
    [TestCase(Overload.Section)]
    [TestCase(Overload.FromServices)]
    [TestCase(Overload.Action)]
    public void AddPlantonRegistries_EachOverload_ResolvesConnectionsByName(Overload overload)
    {
        using var services = Build(overload, s_valid);

        var connections = services.GetRequiredService<IRegistryConnections>();

        Assert.That(connections.Names, Is.EquivalentTo(new[] { "local", "ghcr" }));
        Assert.That(connections.Get("LOCAL").RegistryHost, Is.EqualTo("127.0.0.1:5001"));
        Assert.That(connections.Get("ghcr").ConnectionName, Is.EqualTo("ghcr"));
        var first = connections.Get("local");
        Assert.That(connections.Get("Local"), Is.SameAs(first));
        Assert.That(services.GetRequiredService<IImageTransfer>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<IOciRegistryClient>(), Is.Not.Null);
        Assert.That(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(OciRegistryClientOptions.HttpClientName),
            Is.Not.Null);
    }

    [Test]
    public void Get_UnknownName_ThrowsNamingTheKeyAndTheKnownNames()
    {
        using var services = Build(Overload.RootConfiguration, s_valid);

        Assert.That(
            () => services.GetRequiredService<IRegistryConnections>().Get("prod"),
            Throws.TypeOf<RegistryConfigurationException>()
                .With.Message.Contains("'prod'").And.Message.Contains("local"));
    }

    [Test]
    public void StartupValidation_InvalidConnections_ListsEveryFieldWithoutSecrets()
    {
        var settings = new Dictionary<string, string?>(s_valid)
        {
            ["PlantonRegistries:Connections:ecr:Provider"] = "AwsEcr",
            ["PlantonRegistries:Connections:ecr:AwsEcr:AccountId"] = "12",
            ["PlantonRegistries:Connections:ecr:AwsEcr:Region"] = "us-east-1",
            ["PlantonRegistries:Connections:ecr:AwsEcr:AcountId"] = "123456789012",
            ["PlantonRegistries:Connections:ecr:AwsEcr:SecretAccessKey"] = "short secret",
            ["PlantonRegistries:Connections:bad:Provider"] = "Dockerhub",
        };
        using var services = Build(Overload.RootConfiguration, settings);

        var exception = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IStartupValidator>().Validate());

        var failures = string.Join("\n", exception!.Failures);
        Assert.That(failures, Does.Contain("Connections:ecr:AwsEcr:AccountId: "));
        Assert.That(failures, Does.Contain("Connections:ecr:AwsEcr:AcountId: is not a field of AwsEcr"));
        Assert.That(failures, Does.Contain("Connections:ecr:AwsEcr:AccessKeyId: "));
        Assert.That(failures, Does.Contain("Connections:ecr:AwsEcr:SecretAccessKey: "));
        Assert.That(failures, Does.Contain("Connections:bad:Provider: must be one of GcpArtifactRegistry"));
        Assert.That(failures, Does.Not.Contain("short secret"));
        Assert.That(failures, Does.Not.Contain("Connections:local"));
    }

    [Test]
    public void AddPlantonRegistries_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(s_valid).Build();

        services.AddPlantonRegistries(configuration);
        services.AddPlantonRegistries(configuration);

        Assert.That(services.Count(d => d.ServiceType == typeof(IRegistryConnections)), Is.EqualTo(1));
        Assert.That(
            services.Count(d => d.ServiceType == typeof(IValidateOptions<PlantonRegistriesOptions>)), Is.EqualTo(1));
    }

    [Test]
    public void Options_ToStringAndValidation_NeverShowTheSecret()
    {
        using var services = Build(Overload.RootConfiguration, s_valid);

        var options = services.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value;
        var token = options.Connections["ghcr"].GitHubContainerRegistry!.PersonalAccessToken!;

        Assert.That(token.ToString(), Is.EqualTo("***"));
        Assert.That(options.Connections["ghcr"].ToString(), Does.Not.Contain("ghp_"));
        Assert.That(
            services.GetRequiredService<IRegistryConnections>().Get("ghcr").Credentials,
            Is.InstanceOf<IRegistryCredentialSource>());
    }

    private static ServiceProvider Build(Overload overload, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        switch (overload)
        {
            case Overload.RootConfiguration:
                services.AddPlantonRegistries(configuration);
                break;
            case Overload.Section:
                services.AddPlantonRegistries(configuration.GetSection(PlantonRegistriesOptions.SectionName));
                break;
            case Overload.FromServices:
                services.AddSingleton<IConfiguration>(configuration);
                services.AddPlantonRegistries();
                break;
            default:
                services.AddPlantonRegistries(options =>
                {
                    foreach (var section in configuration.GetSection("PlantonRegistries:Connections").GetChildren())
                    {
                        var connection = section.Get<RegistryConnectionOptions>()!;
                        connection.Name = section.Key;
                        options.Connections[section.Key] = connection;
                    }
                });
                break;
        }

        return services.BuildServiceProvider();
    }
}

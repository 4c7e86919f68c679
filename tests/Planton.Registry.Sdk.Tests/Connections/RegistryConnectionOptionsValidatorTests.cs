using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Connections;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>The options validator and post-configure step, wired into a real service provider.</summary>
public sealed class RegistryConnectionOptionsValidatorTests
{
    private const string ValidEcr = """
        {
          "Provider": "AwsEcr",
          "AwsEcr": {
            "AccountId": "123456789012",
            "Region": "us-east-1",
            "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
            "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
          }
        }
        """;

    private const string BrokenEcr = """
        {
          "Name": "broken-images",
          "Provider": "AwsEcr",
          "AwsEcr": {
            "AccountId": "12345",
            "Region": "us-east-1",
            "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
            "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "Endpoint": "http://api.ecr.example.com"
          }
        }
        """;

    [Test]
    public void Value_InvalidConnections_ThrowsListingEveryField()
    {
        using var provider = BuildProvider($$"""
            {
              "PlantonRegistries": {
                "Connections": {
                  "prod": {{ValidEcr}},
                  "broken": {{BrokenEcr}},
                  "ghcr": { "Provider": "GitHubContainerRegistry" }
                }
              }
            }
            """);

        var exception = Assert.Throws<OptionsValidationException>(
            () => _ = provider.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value);

        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "Connections:broken:AwsEcr:AccountId: must be 12 digits, e.g. 123456789012; got '12345'.",
            "Connections:broken:AwsEcr:Endpoint: uses plain http to a host that is not a loopback address; use "
            + "https, or set AllowInsecureHttp to true on the connection, e.g. "
            + "https://api.ecr.us-east-1.amazonaws.com; got 'http://api.ecr.example.com'.",
            "Connections:ghcr:GitHubContainerRegistry: is required when Provider is GitHubContainerRegistry; "
            + "add an object named GitHubContainerRegistry with Username and PersonalAccessToken.",
        }));
        Assert.That(exception.Message, Does.Contain("Connections:broken:AwsEcr:AccountId"));
        Assert.That(exception.Message, Does.Contain("Connections:broken:AwsEcr:Endpoint"));
        Assert.That(exception.Message, Does.Contain("Connections:ghcr:GitHubContainerRegistry"));
        Assert.That(exception.Message, Does.Not.Contain("Connections:prod"));
    }

    [Test]
    public void StartupValidator_InvalidConnection_Throws()
    {
        using var provider = BuildProvider($$"""
            { "PlantonRegistries": { "Connections": { "broken": {{BrokenEcr}} } } }
            """);

        Assert.That(
            () => provider.GetRequiredService<IStartupValidator>().Validate(),
            Throws.TypeOf<OptionsValidationException>()
                .With.Property(nameof(OptionsValidationException.Failures)).Exactly(2).Items);
    }

    [Test]
    public void Value_ConnectionWithoutName_IsNamedAfterItsKey()
    {
        using var provider = BuildProvider($$"""
            { "PlantonRegistries": { "Connections": { "prod-images": {{ValidEcr}}, "broken": {{ValidEcr}} } } }
            """);

        var options = provider.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value;

        Assert.That(options.Connections["prod-images"].Name, Is.EqualTo("prod-images"));
        Assert.That(options.Connections["PROD-IMAGES"].Name, Is.EqualTo("prod-images"));
        Assert.That(options.Connections["broken"].Name, Is.EqualTo("broken"));
    }

    [Test]
    public void Value_ExplicitName_IsKept()
    {
        using var provider = BuildProvider("""
            {
              "PlantonRegistries": {
                "Connections": {
                  "prod": {
                    "Name": "prod-images",
                    "Provider": "OciRegistry",
                    "OciRegistry": { "Url": "http://127.0.0.1:5001" }
                  }
                }
              }
            }
            """);

        var options = provider.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value;

        Assert.That(options.Connections["prod"].Name, Is.EqualTo("prod-images"));
    }

    [Test]
    public void Value_KeyThatIsNotAValidName_FailsOnTheDerivedName()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PlantonRegistries:Connections:prod images:Provider"] = "OciRegistry",
                ["PlantonRegistries:Connections:prod images:OciRegistry:Url"] = "http://127.0.0.1:5001",
            })
            .Build();
        using var provider = BuildProvider(configuration);

        var exception = Assert.Throws<OptionsValidationException>(
            () => _ = provider.GetRequiredService<IOptions<PlantonRegistriesOptions>>().Value);

        Assert.That(
            exception.Failures,
            Is.EqualTo(new[]
            {
                "Connections:prod images:Name: must be 1 to 128 ASCII letters, digits, '-', '_' or '.', "
                + "e.g. prod-images; got 'prod images'.",
            }));
    }

    [Test]
    public void Validate_NoConnections_Succeeds()
    {
        var result = new RegistryConnectionOptionsValidator().Validate(null, new PlantonRegistriesOptions());

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void FieldPrefix_KeyWithControlCharacters_IsEscaped()
    {
        Assert.That(
            RegistryConnectionOptionsValidator.FieldPrefix("a\nb"),
            Is.EqualTo("Connections:a\\u000Ab"));
    }

    private static ServiceProvider BuildProvider(string json)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .Build();
        return BuildProvider(configuration);
    }

    private static ServiceProvider BuildProvider(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddOptions<PlantonRegistriesOptions>()
            .Bind(configuration.GetSection(PlantonRegistriesOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PlantonRegistriesOptions>, PlantonRegistriesPostConfigure>();
        services.AddSingleton<IValidateOptions<PlantonRegistriesOptions>, RegistryConnectionOptionsValidator>();
        return services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Planton.Registry.Sdk.Resilience;

namespace Planton.Registry.Sdk.Tests.Resilience;

public sealed class RegistryResilienceOptionsValidatorTests
{
    private static readonly object[] s_invalid =
    [
        new object[] { "MaxRetryAttempts", "11",
            "PlantonRegistries:Resilience:MaxRetryAttempts must be between 0 and 10; it is 11." },
        new object[] { "MaxRetryAttempts", "-1",
            "PlantonRegistries:Resilience:MaxRetryAttempts must be between 0 and 10; it is -1." },
        new object[] { "MaxUploadResumes", "21",
            "PlantonRegistries:Resilience:MaxUploadResumes must be between 0 and 20; it is 21." },
        new object[] { "BaseDelay", "00:02:00",
            "PlantonRegistries:Resilience:BaseDelay must be between 00:00:00 and 00:01:00; it is 00:02:00." },
        new object[] { "MaxRetryAfter", "-00:00:01",
            "PlantonRegistries:Resilience:MaxRetryAfter must be between 00:00:00 and 00:10:00; it is -00:00:01." },
        new object[] { "AttemptTimeout", "00:00:00.5",
            "PlantonRegistries:Resilience:AttemptTimeout must be between 00:00:01 and 01:00:00; it is "
            + "00:00:00.5000000." },
        new object[] { "BlobTransferTimeout", "8.00:00:00",
            "PlantonRegistries:Resilience:BlobTransferTimeout must be between 00:00:01 and 7.00:00:00; it is "
            + "8.00:00:00." },
    ];

    [Test]
    public void Validate_Defaults_Succeed()
    {
        var result = new RegistryResilienceOptionsValidator().Validate(null, new RegistryResilienceOptions());

        Assert.That(result.Succeeded, Is.True);
    }

    [TestCaseSource(nameof(s_invalid))]
    public void Validate_FieldOutOfRange_MessageNamesFieldRuleAndValue(string field, string value, string expected)
    {
        var options = Bind(new Dictionary<string, string?> { [field] = value });

        var failures = RegistryResilienceOptionsValidator.Failures(options);

        Assert.That(failures, Does.Contain(expected));
    }

    [Test]
    public void Validate_MaxDelayBelowBaseDelay_StatesBothValues()
    {
        var options = new RegistryResilienceOptions
        {
            BaseDelay = TimeSpan.FromSeconds(10),
            MaxDelay = TimeSpan.FromSeconds(5),
        };

        var failures = RegistryResilienceOptionsValidator.Failures(options);

        Assert.That(failures, Is.EqualTo(new[]
        {
            "PlantonRegistries:Resilience:MaxDelay must be at least BaseDelay; MaxDelay is 00:00:05 and BaseDelay is "
            + "00:00:10.",
        }));
    }

    [Test]
    public void Validate_TotalNotLongerThanAttempt_StatesBothValues()
    {
        var options = new RegistryResilienceOptions
        {
            AttemptTimeout = TimeSpan.FromMinutes(2),
            TotalRequestTimeout = TimeSpan.FromMinutes(2),
        };

        var failures = RegistryResilienceOptionsValidator.Failures(options);

        Assert.That(failures, Is.EqualTo(new[]
        {
            "PlantonRegistries:Resilience:TotalRequestTimeout must be longer than AttemptTimeout; TotalRequestTimeout "
            + "is 00:02:00 and AttemptTimeout is 00:02:00.",
        }));
    }

    [Test]
    public void AddPlantonRegistries_InvalidResilienceSection_FailsOnStartNamingEveryField()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PlantonRegistries:Resilience:MaxRetryAttempts"] = "99",
                ["PlantonRegistries:Resilience:MaxRetryAfter"] = "01:00:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPlantonRegistries();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(
            () => _ = provider.GetRequiredService<IOptions<RegistryResilienceOptions>>().Value);

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "PlantonRegistries:Resilience:MaxRetryAttempts must be between 0 and 10; it is 99.",
            "PlantonRegistries:Resilience:MaxRetryAfter must be between 00:00:00 and 00:10:00; it is 01:00:00.",
        }));
    }

    [Test]
    public void AddPlantonRegistries_ResilienceSection_IsBoundAndRegistryClientsHaveNoClientTimeout()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PlantonRegistries:Resilience:MaxRetryAttempts"] = "2",
                ["PlantonRegistries:Resilience:MaxRetryAfter"] = "00:00:05",
                ["PlantonRegistries:Resilience:MaxUploadResumes"] = "3",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddPlantonRegistries(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RegistryResilienceOptions>>().Value;
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        Assert.That(options.MaxRetryAttempts, Is.EqualTo(2));
        Assert.That(options.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.MaxUploadResumes, Is.EqualTo(3));
        Assert.That(options.ToString(), Does.Contain("MaxRetryAttempts=2"));
        Assert.That(factory.CreateClient("Planton.Registry.Oci").Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
        Assert.That(
            factory.CreateClient("Planton.Registry.TokenService").Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    private static RegistryResilienceOptions Bind(Dictionary<string, string?> values)
    {
        var options = new RegistryResilienceOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
        return options;
    }
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.Tests.Credentials;

public sealed class SecretTests
{
    private const string Value = "s3cr3t-value-123";

    [Test]
    public void ToString_Always_Masks()
    {
        var secret = new Secret(Value);

        Assert.That(secret.ToString(), Is.EqualTo("***"));
        Assert.That($"{secret}", Does.Not.Contain(Value));
    }

    [Test]
    public void JsonSerialize_Always_Masks()
    {
        var json = JsonSerializer.Serialize(new { Password = new Secret(Value) });

        Assert.That(json, Does.Not.Contain(Value));
        Assert.That(json, Does.Contain("***"));
    }

    [Test]
    public void Reveal_ReturnsValue()
    {
        Assert.That(new Secret(Value).Reveal(), Is.EqualTo(Value));
    }

    [Test]
    public void ConfigurationBinder_BindsSecretFromString()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecretAccessKey"] = Value })
            .Build();

        var options = configuration.Get<AwsEcrOptions>();

        Assert.That(options?.SecretAccessKey?.Reveal(), Is.EqualTo(Value));
    }

    [Test]
    public void RegistryCredential_ToString_ShowsUserNotSecret()
    {
        var credential = new RegistryCredential("AWS", new Secret(Value));

        Assert.That(credential.ToString(), Is.EqualTo("AWS:***"));
    }
}

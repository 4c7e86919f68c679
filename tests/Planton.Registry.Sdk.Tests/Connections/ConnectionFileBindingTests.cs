using Microsoft.Extensions.Configuration;
using Planton.Registry.Sdk.Connections;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>Connection files bound the way CONTRACT.md shows, then validated.</summary>
public sealed class ConnectionFileBindingTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "planton-val-" + Path.GetRandomFileName());
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Validate_ContractExampleAsWritten_NamesItsPlaceholderFields()
    {
        // The example of CONTRACT.md, placeholders included.
        var connection = Load("""
            {
              "Name": "prod-images",
              "Provider": "AwsEcr",
              "AwsEcr": {
                "AccountId": "123456789012",
                "Region": "us-east-1",
                "AccessKeyId": "AKIA...",
                "SecretAccessKey": "..."
              }
            }
            """);

        var problems = RegistryConnectionValidator.Validate(connection);

        Assert.That(
            problems.Select(p => p.ToString()),
            Is.EqualTo(new[]
            {
                "AwsEcr:AccessKeyId: must be 16 to 128 uppercase letters and digits, e.g. AKIAIOSFODNN7EXAMPLE; "
                + "got 'AKIA...'.",
                "AwsEcr:SecretAccessKey: is too short; it must be the IAM secret access key that belongs to "
                + "AccessKeyId (16 to 128 characters without whitespace).",
            }));
    }

    [Test]
    public void Validate_ContractExampleFilledIn_IsValid()
    {
        var connection = Load("""
            {
              "Name": "prod-images",
              "Provider": "AwsEcr",
              "AwsEcr": {
                "AccountId": "123456789012",
                "Region": "us-east-1",
                "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
                "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
              }
            }
            """);

        Assert.That(RegistryConnectionValidator.Validate(connection), Is.Empty);
        Assert.That(
            connection.AwsEcr!.SecretAccessKey!.Reveal(),
            Is.EqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    [Test]
    public void Validate_GcpFileWithEnumNamesAndKey_IsValid()
    {
        var connection = Load($$"""
            {
              "Name": "gcp-npm",
              "Provider": "GcpArtifactRegistry",
              "AllowInsecureHttp": false,
              "GcpArtifactRegistry": {
                "ProjectId": "my-project-123",
                "Region": "europe-west10",
                "RepositoryName": "npm-packages",
                "ServiceAccountKey": "{{KeyBase64()}}",
                "Format": "Npm",
                "CredentialMode": "JsonKey",
                "RegistryUrl": "http://127.0.0.1:4873"
              }
            }
            """);

        Assert.That(RegistryConnectionValidator.Validate(connection), Is.Empty);
        Assert.That(connection.GcpArtifactRegistry!.Format, Is.EqualTo(ArtifactFormat.Npm));
    }

    [Test]
    public void Validate_FileWithOtherProvidersObjects_ChecksOnlyTheChosenOne()
    {
        var connection = Load("""
            {
              "Name": "switching",
              "Provider": "OciRegistry",
              "OciRegistry": { "Url": "http://localhost:5000" },
              "AwsEcr": { "AccountId": "not checked" }
            }
            """);

        Assert.That(RegistryConnectionValidator.Validate(connection), Is.Empty);
    }

    private RegistryConnectionOptions Load(string json)
    {
        var path = Path.Combine(_directory, "connection.json");
        File.WriteAllText(path, json);

        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        var connection = configuration.Get<RegistryConnectionOptions>();

        Assert.That(connection, Is.Not.Null);
        return connection!;
    }
}

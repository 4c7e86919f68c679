using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

/// <summary>Rules shared by every provider: name, provider, provider object, message shape.</summary>
public sealed class ConnectionValidationTests
{
    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("one-letter name", c => c.Name = "a");
        yield return Row("128-char name", c => c.Name = new string('n', 128));
        yield return Row("name with every allowed symbol", c => c.Name = "Prod_images.v2-eu");
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("name missing", c => c.Name = null, "Name");
        yield return Row("name empty", c => c.Name = "", "Name");
        yield return Row("name blank", c => c.Name = " \t", "Name");
        yield return Row("name with space", c => c.Name = "prod images", "Name");
        yield return Row("name with newline", c => c.Name = "prod\nimages", "Name");
        yield return Row("name with slash", c => c.Name = "prod/images", "Name");
        yield return Row("name 129 chars", c => c.Name = new string('n', 129), "Name");
        yield return Row("name fullwidth letter", c => c.Name = "ｐrod", "Name");
        yield return Row("name with accent", c => c.Name = "prodé", "Name");
        yield return Row("provider missing", c => c.Provider = null, "Provider");
        yield return Row("provider zero", c => c.Provider = 0, "Provider");
        yield return Row("provider undefined", c => c.Provider = (RegistryProviderKind)99, "Provider");
        yield return Row("provider points at missing object", c => c.Provider = RegistryProviderKind.OciRegistry,
            "OciRegistry");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(Ecr, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(Ecr, edit, field);

    [Test]
    public void Validate_EverySample_IsValid()
    {
        foreach (var (provider, create) in All())
        {
            Assert.That(RegistryConnectionValidator.Validate(create()), Is.Empty, provider.ToString());
        }
    }

    [Test]
    public void Validate_EmptyConnection_NamesNameAndProvider()
    {
        var problems = RegistryConnectionValidator.Validate(new RegistryConnectionOptions());

        Assert.That(
            problems.Select(p => p.ToString()),
            Is.EqualTo(new[]
            {
                "Name: is required; it must be 1 to 128 ASCII letters, digits, '-', '_' or '.', e.g. prod-images.",
                "Provider: is required; it must be one of GcpArtifactRegistry, AwsEcr, AzureContainerRegistry, "
                + "JFrogArtifactory, GitHubContainerRegistry, GitHubPackages, CloudflareR2 or OciRegistry.",
            }));
    }

    [Test]
    public void Validate_ProviderObjectMissing_SaysWhatToAdd()
    {
        var connection = new RegistryConnectionOptions { Name = "prod", Provider = RegistryProviderKind.AwsEcr };

        var problem = RegistryConnectionValidator.Validate(connection).Single();

        Assert.That(
            problem.ToString(),
            Is.EqualTo("AwsEcr: is required when Provider is AwsEcr; add an object named AwsEcr with AccountId, "
                + "Region, AccessKeyId and SecretAccessKey."));
    }

    [Test]
    public void Validate_SeveralBadFields_GivesFullTextForEach()
    {
        var connection = Ecr();
        connection.Name = "prod images";
        connection.AwsEcr!.AccountId = "12345";
        connection.AwsEcr.Region = "US-East-1";
        connection.AwsEcr.SecretAccessKey = new Secret("short-secret");
        connection.AwsEcr.Endpoint = "http://api.ecr.example.com";

        var problems = RegistryConnectionValidator.Validate(connection);

        Assert.That(problems, Is.EqualTo(new[]
        {
            new ConfigurationProblem(
                "Name",
                "must be 1 to 128 ASCII letters, digits, '-', '_' or '.', e.g. prod-images; got 'prod images'."),
            new ConfigurationProblem("AwsEcr:AccountId", "must be 12 digits, e.g. 123456789012; got '12345'."),
            new ConfigurationProblem(
                "AwsEcr:Region",
                "must be an AWS region such as us-east-1, eu-central-2, cn-north-1 or us-gov-west-1; "
                + "got 'US-East-1'."),
            new ConfigurationProblem(
                "AwsEcr:SecretAccessKey",
                "is too short; it must be the IAM secret access key that belongs to AccessKeyId "
                + "(16 to 128 characters without whitespace)."),
            new ConfigurationProblem(
                "AwsEcr:Endpoint",
                "uses plain http to a host that is not a loopback address; use https, or set AllowInsecureHttp "
                + "to true on the connection, e.g. https://api.ecr.us-east-1.amazonaws.com; "
                + "got 'http://api.ecr.example.com'."),
        }));
    }

    [Test]
    public void ThrowIfInvalid_SeveralBadFields_ThrowsWithFullMessage()
    {
        var connection = Ecr();
        connection.AwsEcr!.AccountId = "12345";
        connection.AwsEcr.AccessKeyId = null;
        connection.AwsEcr.RegistryUrl = "https://registry.example.com/v2?x=1";

        var exception = Assert.Throws<RegistryConfigurationException>(
            () => RegistryConnectionValidator.ThrowIfInvalid(connection));

        var nl = Environment.NewLine;
        Assert.That(exception.ConnectionName, Is.EqualTo("prod-images"));
        Assert.That(exception.Problems, Has.Count.EqualTo(3));
        Assert.That(
            exception.Message,
            Is.EqualTo("The registry connection 'prod-images' is invalid:" + nl
                + "  AwsEcr:AccountId: must be 12 digits, e.g. 123456789012; got '12345'." + nl
                + "  AwsEcr:AccessKeyId: is required; it must be 16 to 128 uppercase letters and digits, "
                + "e.g. AKIAIOSFODNN7EXAMPLE." + nl
                + "  AwsEcr:RegistryUrl: must not have a path, query or fragment; give the scheme, host and optional "
                + "port only, e.g. https://123456789012.dkr.ecr.us-east-1.amazonaws.com; "
                + "got 'https://registry.example.com/v2?...'."));
    }

    [Test]
    public void ThrowIfInvalid_BadName_LeavesNameOutOfTheMessage()
    {
        var connection = Ecr();
        connection.Name = "line1\nforged line";

        var exception = Assert.Throws<RegistryConfigurationException>(
            () => RegistryConnectionValidator.ThrowIfInvalid(connection));

        Assert.That(exception.ConnectionName, Is.Null);
        Assert.That(exception.Message, Does.StartWith("The registry connection is invalid:"));
        Assert.That(exception.Message, Does.Contain("got 'line1\\u000Aforged line'."));
    }

    [Test]
    public void ThrowIfInvalid_ValidConnection_DoesNotThrow()
    {
        Assert.That(() => RegistryConnectionValidator.ThrowIfInvalid(Oci()), Throws.Nothing);
    }

    [Test]
    public void Validate_NullConnection_ThrowsArgumentNull()
    {
        Assert.That(() => RegistryConnectionValidator.Validate(null!), Throws.ArgumentNullException);
    }

    [TestCase("us-east-1", "'us-east-1'")]
    [TestCase("", "''")]
    [TestCase("a\u0000b", "'a\\u0000b'")]
    [TestCase("a\r\nb", "'a\\u000D\\u000Ab'")]
    [TestCase("evil\u202Etxt", "'evil\\u202Etxt'")]
    [TestCase("zero\u200Bwidth", "'zero\\u200Bwidth'")]
    [TestCase("line\u2028sep", "'line\\u2028sep'")]
    [TestCase("emoji 💥 ok", "'emoji 💥 ok'")]
    [TestCase("tag \U000E0041", "'tag \\U000E0041'")]
    [TestCase("ünïcödé", "'ünïcödé'")]
    public void Quote_Value_EscapesWhatCouldForgeText(string value, string expected)
    {
        Assert.That(RegistryConnectionValidator.Quote(value), Is.EqualTo(expected));
    }

    [Test]
    public void Quote_LoneSurrogates_AreEscaped()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var value = "lone" + (char)0xD800 + "x" + (char)0xDC00;

        Assert.That(RegistryConnectionValidator.Quote(value), Is.EqualTo("'lone\\uD800x\\uDC00'"));
    }

    [Test]
    public void Quote_LongValue_CutsAt64AndStatesLength()
    {
        var quoted = RegistryConnectionValidator.Quote(new string('x', 1_000_000));

        Assert.That(quoted, Is.EqualTo("'" + new string('x', 64) + "...' (1000000 characters)"));
    }

    [Test]
    public void Quote_SurrogatePairAtCut_KeepsPairWhole()
    {
        var quoted = RegistryConnectionValidator.Quote(new string('x', 63) + "💥💥");

        Assert.That(quoted, Is.EqualTo("'" + new string('x', 63) + "💥...' (67 characters)"));
    }
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class EcrValidationTests
{
    private const string AccountId = "AwsEcr:AccountId";
    private const string Region = "AwsEcr:Region";
    private const string AccessKeyId = "AwsEcr:AccessKeyId";
    private const string SecretAccessKey = "AwsEcr:SecretAccessKey";
    private const string Endpoint = "AwsEcr:Endpoint";
    private const string RegistryUrl = "AwsEcr:RegistryUrl";

    private static Action<RegistryConnectionOptions> E(Action<AwsEcrOptions> edit) => c => edit(c.AwsEcr!);

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("region cn-north-1", E(o => o.Region = "cn-north-1"));
        yield return Row("region us-gov-west-1", E(o => o.Region = "us-gov-west-1"));
        yield return Row("region us-isob-east-1", E(o => o.Region = "us-isob-east-1"));
        yield return Row("region ap-southeast-5", E(o => o.Region = "ap-southeast-5"));
        yield return Row("region two-digit number", E(o => o.Region = "eu-central-12"));
        yield return Row("temporary key id", E(o => o.AccessKeyId = "ASIAIOSFODNN7EXAMPLE"));
        yield return Row("128-char key id", E(o => o.AccessKeyId = new string('A', 128)));
        yield return Row("16-char secret", E(o => o.SecretAccessKey = new Secret(new string('s', 16))));
        yield return Row("128-char secret", E(o => o.SecretAccessKey = new Secret(new string('s', 128))));
        yield return Row("loopback endpoint", E(o => o.Endpoint = "http://127.0.0.1:4566"));
        yield return Row(
            "VPC endpoint",
            E(o => o.Endpoint = "https://vpce-0a1b2c.api.ecr.us-east-1.vpce.amazonaws.com/"));
        yield return Row("blank endpoint", E(o => o.Endpoint = ""));
        yield return Row("loopback registry", E(o => o.RegistryUrl = "http://localhost:5001"));
        yield return Row("IPv6 loopback registry", E(o => o.RegistryUrl = "http://[::1]:5001"));
        yield return Row("insecure allowed", c =>
        {
            c.AllowInsecureHttp = true;
            c.AwsEcr!.RegistryUrl = "http://registry.internal:5000";
        });
        yield return Row("other provider objects present", c =>
        {
            c.GcpArtifactRegistry = new GcpArtifactRegistryOptions();
            c.OciRegistry = new OciRegistryOptions { Url = "not a url" };
        });
        yield return Row("create and FIPS flags", c =>
        {
            c.AwsEcr!.CreateRepositoryIfMissing = true;
            c.AwsEcr.UseFips = true;
        });
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("account missing", E(o => o.AccountId = null), AccountId);
        yield return Row("account blank", E(o => o.AccountId = "  "), AccountId);
        yield return Row("account 11 digits", E(o => o.AccountId = "12345678901"), AccountId);
        yield return Row("account 13 digits", E(o => o.AccountId = "1234567890123"), AccountId);
        yield return Row("account letter", E(o => o.AccountId = "12345678901a"), AccountId);
        yield return Row(
            "account fullwidth digits",
            E(o => o.AccountId = "１２３４５６７８９０１２"),
            AccountId);
        yield return Row("account Arabic-Indic digits", E(o => o.AccountId = "١٢٣٤٥٦٧٨٩٠١٢"), AccountId);
        yield return Row("account trailing newline", E(o => o.AccountId = "123456789012\n"), AccountId);
        yield return Row("account padded", E(o => o.AccountId = " 123456789012"), AccountId);
        yield return Row("region missing", E(o => o.Region = null), Region);
        yield return Row("region no number", E(o => o.Region = "us-east"), Region);
        yield return Row("region no words", E(o => o.Region = "us-1"), Region);
        yield return Row("region three-digit number", E(o => o.Region = "us-east-123"), Region);
        yield return Row("region uppercase", E(o => o.Region = "US-EAST-1"), Region);
        yield return Row("region double hyphen", E(o => o.Region = "us--east-1"), Region);
        yield return Row("region one-letter prefix", E(o => o.Region = "u-east-1"), Region);
        yield return Row("region zone", E(o => o.Region = "us-east-1a"), Region);
        yield return Row("region trailing newline", E(o => o.Region = "us-east-1\n"), Region);
        yield return Row("region GCP style", E(o => o.Region = "us-east1"), Region);
        yield return Row("key id missing", E(o => o.AccessKeyId = null), AccessKeyId);
        yield return Row("key id lowercase", E(o => o.AccessKeyId = "akiaiosfodnn7example"), AccessKeyId);
        yield return Row("key id short", E(o => o.AccessKeyId = "AKIA12345678901"), AccessKeyId);
        yield return Row("key id long", E(o => o.AccessKeyId = new string('A', 129)), AccessKeyId);
        yield return Row("key id space", E(o => o.AccessKeyId = "AKIA IOSFODNN7EXAMPLE"), AccessKeyId);
        yield return Row("secret missing", E(o => o.SecretAccessKey = null), SecretAccessKey);
        yield return Row("secret empty", E(o => o.SecretAccessKey = new Secret("")), SecretAccessKey);
        yield return Row("secret blank", E(o => o.SecretAccessKey = new Secret(" \t ")), SecretAccessKey);
        yield return Row("secret short", E(o => o.SecretAccessKey = new Secret("short")), SecretAccessKey);
        yield return Row("secret long", E(o => o.SecretAccessKey = new Secret(new string('s', 129))), SecretAccessKey);
        yield return Row(
            "secret inner space",
            E(o => o.SecretAccessKey = new Secret("wJalrXUtnFEMI K7MDENG")),
            SecretAccessKey);
        yield return Row(
            "secret trailing newline",
            E(o => o.SecretAccessKey = new Secret("wJalrXUtnFEMIK7MDENG\n")),
            SecretAccessKey);
        yield return Row(
            "endpoint plain http",
            E(o => o.Endpoint = "http://api.ecr.us-east-1.amazonaws.com"),
            Endpoint);
        yield return Row("endpoint path", E(o => o.Endpoint = "https://api.ecr.us-east-1.amazonaws.com/v1"), Endpoint);
        yield return Row("endpoint no scheme", E(o => o.Endpoint = "api.ecr.us-east-1.amazonaws.com"), Endpoint);
        yield return Row("endpoint metadata-like http", E(o => o.Endpoint = "http://169.254.169.254"), Endpoint);
        yield return Row("registry not a URL", E(o => o.RegistryUrl = "not a url"), RegistryUrl);
        yield return Row("registry any-address http", E(o => o.RegistryUrl = "http://0.0.0.0:5001"), RegistryUrl);
        yield return Row(
            "registry localhost lookalike",
            E(o => o.RegistryUrl = "http://localhost.example.com"),
            RegistryUrl);
        yield return Row("section missing", c => c.AwsEcr = null, "AwsEcr");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(ConnectionSamples.Ecr, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(ConnectionSamples.Ecr, edit, field);

    [Test]
    public void Validate_EmptySection_NamesEveryRequiredField()
    {
        var connection = ConnectionSamples.Ecr();
        connection.AwsEcr = new AwsEcrOptions();

        var fields = RegistryConnectionValidator.Validate(connection).Select(p => p.Field);

        Assert.That(fields, Is.EqualTo(new[] { AccountId, Region, AccessKeyId, SecretAccessKey }));
    }
}

using Planton.Registry.Sdk.Connections;
using Planton.Registry.Sdk.Credentials;
using static Planton.Registry.Sdk.Tests.Connections.ConnectionSamples;
using static Planton.Registry.Sdk.Tests.Connections.ValidationCases;

namespace Planton.Registry.Sdk.Tests.Connections;

public sealed class R2ValidationTests
{
    private const string AccountId = "CloudflareR2:AccountId";
    private const string AccessKeyId = "CloudflareR2:AccessKeyId";
    private const string SecretAccessKey = "CloudflareR2:SecretAccessKey";
    private const string Bucket = "CloudflareR2:Bucket";
    private const string Endpoint = "CloudflareR2:Endpoint";

    private static Action<RegistryConnectionOptions> E(Action<CloudflareR2Options> edit) =>
        c => edit(c.CloudflareR2!);

    public static IEnumerable<TestCaseData> ValidVariants()
    {
        yield return Row("sample as is", _ => { });
        yield return Row("3-char bucket", E(o => o.Bucket = "abc"));
        yield return Row("63-char bucket", E(o => o.Bucket = new string('b', 63)));
        yield return Row("digits-only bucket", E(o => o.Bucket = "123"));
        yield return Row("uppercase key id", E(o => o.AccessKeyId = "FEDCBA9876543210FEDCBA9876543210"));
        yield return Row("16-char key id", E(o => o.AccessKeyId = "abcdefghij123456"));
        yield return Row("jurisdiction endpoint", E(o =>
            o.Endpoint = "https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com"));
        yield return Row("loopback S3 endpoint", E(o => o.Endpoint = "http://127.0.0.1:9000"));
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Row("account missing", E(o => o.AccountId = null), AccountId);
        yield return Row("account uppercase", E(o => o.AccountId = "0123456789ABCDEF0123456789ABCDEF"), AccountId);
        yield return Row("account 31 chars", E(o => o.AccountId = new string('a', 31)), AccountId);
        yield return Row("account not hex", E(o => o.AccountId = new string('g', 32)), AccountId);
        yield return Row("key id missing", E(o => o.AccessKeyId = null), AccessKeyId);
        yield return Row("key id short", E(o => o.AccessKeyId = "abc"), AccessKeyId);
        yield return Row("key id hyphen", E(o => o.AccessKeyId = "fedcba98-76543210-fedcba98"), AccessKeyId);
        yield return Row("key id 129 chars", E(o => o.AccessKeyId = new string('a', 129)), AccessKeyId);
        yield return Row("secret missing", E(o => o.SecretAccessKey = null), SecretAccessKey);
        yield return Row("secret with space", E(o => o.SecretAccessKey = new Secret("abc def")), SecretAccessKey);
        yield return Row("bucket missing", E(o => o.Bucket = null), Bucket);
        yield return Row("bucket 2 chars", E(o => o.Bucket = "ab"), Bucket);
        yield return Row("bucket 64 chars", E(o => o.Bucket = new string('b', 64)), Bucket);
        yield return Row("bucket leading hyphen", E(o => o.Bucket = "-bucket"), Bucket);
        yield return Row("bucket trailing hyphen", E(o => o.Bucket = "bucket-"), Bucket);
        yield return Row("bucket uppercase", E(o => o.Bucket = "Bucket"), Bucket);
        yield return Row("bucket underscore", E(o => o.Bucket = "bucket_name"), Bucket);
        yield return Row("bucket dot", E(o => o.Bucket = "bucket.name"), Bucket);
        yield return Row("bucket trailing newline", E(o => o.Bucket = "bucket\n"), Bucket);
        yield return Row("endpoint plain http", E(o => o.Endpoint = "http://x.r2.cloudflarestorage.com"), Endpoint);
        yield return Row("endpoint with bucket path", E(o => o.Endpoint = "https://x.r2.example.com/bucket"), Endpoint);
        yield return Row("section missing", c => c.CloudflareR2 = null, "CloudflareR2");
    }

    [TestCaseSource(nameof(ValidVariants))]
    public void Validate_ValidVariant_HasNoProblems(Action<RegistryConnectionOptions> edit) =>
        AssertValid(R2, edit);

    [TestCaseSource(nameof(InvalidFields))]
    public void Validate_OneBadField_NamesThatField(Action<RegistryConnectionOptions> edit, string field) =>
        AssertOnlyProblemIn(R2, edit, field);
}

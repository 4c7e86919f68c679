using System.Text.RegularExpressions;

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="CloudflareR2Options"/>.</content>
internal static partial class RegistryConnectionValidator
{
    private const string R2Section = nameof(RegistryConnectionOptions.CloudflareR2);

    private const string CloudflareAccountRule =
        "a Cloudflare account id of 32 lowercase hexadecimal characters, e.g. 0123456789abcdef0123456789abcdef";

    private const string R2AccessKeyRule =
        "16 to 128 letters and digits (an R2 access key id is 32 hexadecimal characters)";

    private const string R2BucketRule =
        "3 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, e.g. worker-bundles";

    private static void ValidateR2(CloudflareR2Options r2, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        Require(
            Field(R2Section, nameof(CloudflareR2Options.AccountId)),
            r2.AccountId,
            static v => v.Length == 32 && AllChars(v, char.IsAsciiHexDigitLower),
            CloudflareAccountRule,
            problems);
        Require(
            Field(R2Section, nameof(CloudflareR2Options.AccessKeyId)),
            r2.AccessKeyId,
            static v => v.Length is >= 16 and <= 128 && AllChars(v, char.IsAsciiLetterOrDigit),
            R2AccessKeyRule,
            problems);
        RequireSecret(
            Field(R2Section, nameof(CloudflareR2Options.SecretAccessKey)),
            r2.SecretAccessKey,
            "the R2 secret access key (the SHA-256 hex of the API token's value)",
            1,
            1024,
            problems);
        Require(
            Field(R2Section, nameof(CloudflareR2Options.Bucket)),
            r2.Bucket,
            static v => v.Length <= 63 && R2BucketRegex().IsMatch(v),
            R2BucketRule,
            problems);
        CheckUrl(
            Field(R2Section, nameof(CloudflareR2Options.Endpoint)),
            r2.Endpoint,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com",
            problems);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex R2BucketRegex();
}

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="AwsEcrOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    private const string EcrSection = nameof(RegistryConnectionOptions.AwsEcr);

    private const string AwsAccountRule = "12 digits, e.g. 123456789012";

    private const string AwsRegionRule = "an AWS region such as us-east-1, eu-central-2, cn-north-1 or us-gov-west-1";

    private const string AwsAccessKeyRule =
        "16 to 128 uppercase letters and digits, e.g. AKIAIOSFODNN7EXAMPLE";

    private static void ValidateEcr(AwsEcrOptions ecr, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        Require(
            Field(EcrSection, nameof(AwsEcrOptions.AccountId)),
            ecr.AccountId,
            static v => v.Length == 12 && AllChars(v, char.IsAsciiDigit),
            AwsAccountRule,
            problems);
        Require(
            Field(EcrSection, nameof(AwsEcrOptions.Region)),
            ecr.Region,
            IsAwsRegion,
            AwsRegionRule,
            problems);
        Require(
            Field(EcrSection, nameof(AwsEcrOptions.AccessKeyId)),
            ecr.AccessKeyId,
            static v => v.Length is >= 16 and <= 128
                && AllChars(v, static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)),
            AwsAccessKeyRule,
            problems);
        RequireSecret(
            Field(EcrSection, nameof(AwsEcrOptions.SecretAccessKey)),
            ecr.SecretAccessKey,
            "the IAM secret access key that belongs to AccessKeyId",
            16,
            128,
            problems);
        CheckUrl(
            Field(EcrSection, nameof(AwsEcrOptions.Endpoint)),
            ecr.Endpoint,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://api.ecr.us-east-1.amazonaws.com",
            problems);
        CheckUrl(
            Field(EcrSection, nameof(AwsEcrOptions.RegistryUrl)),
            ecr.RegistryUrl,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://123456789012.dkr.ecr.us-east-1.amazonaws.com",
            problems);
    }

    /// <summary>
    /// The pragmatic region shape <c>^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$</c>, checked by hand: a two-letter
    /// prefix, one or more lowercase words, and a number of one or two digits, joined by single hyphens.
    /// </summary>
    private static bool IsAwsRegion(string value)
    {
        if (value.Length > 64)
        {
            return false;
        }

        var text = value.AsSpan();
        var first = text.IndexOf('-');
        var last = text.LastIndexOf('-');
        if (first != 2 || last <= first + 1 || !AllAsciiLower(text[..2]))
        {
            return false;
        }

        var number = text[(last + 1)..];
        if (number.Length is 0 or > 2 || number.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        foreach (var range in text[(first + 1)..last].Split('-'))
        {
            var word = text[(first + 1)..last][range];
            if (word.IsEmpty || !AllAsciiLower(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllAsciiLower(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('a', 'z');
}

namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="OciRegistryOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    /// <summary>The longest repository path accepted (clients commonly cap a whole name at 255).</summary>
    private const int MaxRepositoryPathLength = 255;

    private const string OciSection = nameof(RegistryConnectionOptions.OciRegistry);

    private const string OciRepositoryRule =
        "a repository path of lowercase letters and digits, joined by '.', '_', '__' or hyphens, with '/' "
        + "between components and at most 255 characters, e.g. team/services";

    private static void ValidateOci(OciRegistryOptions oci, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        var urlField = Field(OciSection, nameof(OciRegistryOptions.Url));
        if (!IsSet(oci.Url) && !IsSet(oci.RegistryUrl))
        {
            problems.Add(new ConfigurationProblem(
                urlField,
                "is required unless RegistryUrl is set; it must be an absolute https URL (or http to a loopback "
                + "host), e.g. https://registry.example.com or http://127.0.0.1:5001."));
        }

        CheckUrl(
            urlField,
            oci.Url,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://registry.example.com",
            problems);

        var userField = Field(OciSection, nameof(OciRegistryOptions.Username));
        var passwordField = Field(OciSection, nameof(OciRegistryOptions.Password));
        if (IsSet(oci.Username))
        {
            if (!IsBasicAuthUser(oci.Username))
            {
                problems.Add(Invalid(userField, oci.Username, BasicAuthUserRule));
            }

            AddIf(
                !IsSet(oci.Password),
                passwordField,
                "is required with Username; set both for a registry that needs a login, or neither for anonymous "
                + "access.",
                problems);
        }
        else
        {
            AddIf(
                IsSet(oci.Password),
                userField,
                $"is required with Password; set both for a registry that needs a login, or neither for anonymous "
                + $"access; it must be {BasicAuthUserRule}.",
                problems);
        }

        Optional(
            Field(OciSection, nameof(OciRegistryOptions.Repository)),
            oci.Repository,
            IsOciRepositoryPath,
            OciRepositoryRule,
            problems);
        CheckUrl(
            Field(OciSection, nameof(OciRegistryOptions.RegistryUrl)),
            oci.RegistryUrl,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "http://127.0.0.1:5001",
            problems);
    }

    /// <summary>
    /// The distribution-spec name grammar, checked in one pass: components of <c>[a-z0-9]+</c> runs joined by
    /// exactly one of <c>.</c>, <c>_</c>, <c>__</c> or one or more <c>-</c>, and components joined by <c>/</c>.
    /// </summary>
    private static bool IsOciRepositoryPath(string value)
    {
        if (value.Length is 0 or > MaxRepositoryPathLength)
        {
            return false;
        }

        var i = 0;
        while (true)
        {
            // A component: alphanumeric runs joined by separators.
            if (i >= value.Length || !IsAsciiLowerOrDigit(value[i]))
            {
                return false;
            }

            while (i < value.Length && IsAsciiLowerOrDigit(value[i]))
            {
                i++;
            }

            if (i == value.Length)
            {
                return true;
            }

            if (value[i] == '/')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < value.Length && value[i] is '.' or '_' or '-')
            {
                i++;
            }

            if (!IsOciSeparator(value.AsSpan(start, i - start)))
            {
                return false;
            }
        }
    }

    private static bool IsOciSeparator(ReadOnlySpan<char> separator) =>
        separator is "." or "_" or "__" || (!separator.IsEmpty && !separator.ContainsAnyExcept('-'));
}

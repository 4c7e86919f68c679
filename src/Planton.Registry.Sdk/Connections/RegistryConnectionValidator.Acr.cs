namespace Planton.Registry.Sdk.Connections;

/// <content>Rules for <see cref="AzureContainerRegistryOptions"/>.</content>
internal static partial class RegistryConnectionValidator
{
    private const string AcrSection = nameof(RegistryConnectionOptions.AzureContainerRegistry);

    private const string AcrNameRule =
        "5 to 50 letters and digits, e.g. myregistry (login server myregistry.azurecr.io)";

    private const string AcrLoginServerRule = "a host name with an optional port, e.g. myregistry.azurecr.cn";

    private const string GuidRule = "a GUID such as 11111111-2222-3333-4444-555555555555";

    private const string ServicePrincipalFields = "TenantId, ClientId and ClientSecret";

    private const string AdminUserFields = "Username and Password";

    private static void ValidateAcr(
        AzureContainerRegistryOptions acr, bool allowInsecureHttp, List<ConfigurationProblem> problems)
    {
        var nameField = Field(AcrSection, nameof(AzureContainerRegistryOptions.RegistryName));
        if (!IsSet(acr.RegistryName) && !IsSet(acr.LoginServer))
        {
            problems.Add(new ConfigurationProblem(
                nameField, $"is required unless LoginServer is set; it must be {AcrNameRule}."));
        }

        Optional(
            nameField,
            acr.RegistryName,
            static v => v.Length is >= 5 and <= 50 && AllChars(v, char.IsAsciiLetterOrDigit),
            AcrNameRule,
            problems);
        Optional(
            Field(AcrSection, nameof(AzureContainerRegistryOptions.LoginServer)),
            acr.LoginServer,
            IsHostWithOptionalPort,
            AcrLoginServerRule,
            problems);
        ValidateAcrCredentials(acr, problems);
        CheckUrl(
            Field(AcrSection, nameof(AzureContainerRegistryOptions.AuthorityHost)),
            acr.AuthorityHost,
            required: false,
            UrlParts.WithPath,
            allowInsecureHttp,
            "https://login.microsoftonline.com",
            problems);
        CheckUrl(
            Field(AcrSection, nameof(AzureContainerRegistryOptions.RegistryUrl)),
            acr.RegistryUrl,
            required: false,
            UrlParts.Origin,
            allowInsecureHttp,
            "https://myregistry.azurecr.io",
            problems);
    }

    /// <summary>
    /// Exactly one of two sign-in sets must be complete: a service principal (tenant, client id, secret) or a
    /// user name and password. A half-filled set names its missing fields; set fields are checked for shape.
    /// </summary>
    private static void ValidateAcrCredentials(AzureContainerRegistryOptions acr, List<ConfigurationProblem> problems)
    {
        var tenantField = Field(AcrSection, nameof(AzureContainerRegistryOptions.TenantId));
        var clientField = Field(AcrSection, nameof(AzureContainerRegistryOptions.ClientId));
        var secretField = Field(AcrSection, nameof(AzureContainerRegistryOptions.ClientSecret));
        var userField = Field(AcrSection, nameof(AzureContainerRegistryOptions.Username));
        var passwordField = Field(AcrSection, nameof(AzureContainerRegistryOptions.Password));

        bool[] principal = [IsSet(acr.TenantId), IsSet(acr.ClientId), IsSet(acr.ClientSecret)];
        bool[] user = [IsSet(acr.Username), IsSet(acr.Password)];
        var principalAny = principal.Contains(true);
        var principalAll = !principal.Contains(false);
        var userAny = user.Contains(true);
        var userAll = !user.Contains(false);

        if (!principalAny && !userAny)
        {
            problems.Add(new ConfigurationProblem(
                AcrSection,
                $"needs credentials; set either {ServicePrincipalFields} (a service principal) or "
                + $"{AdminUserFields} (the admin user or a repository-scoped token)."));
        }
        else if (principalAll && userAll)
        {
            problems.Add(new ConfigurationProblem(
                AcrSection,
                $"sets both a service principal ({ServicePrincipalFields}) and {AdminUserFields}; keep one of them."));
        }
        else if (principalAll && userAny)
        {
            var stray = "must not be set when a service principal is set; keep one sign-in method: remove it, "
                + $"or remove {ServicePrincipalFields} and set {AdminUserFields}.";
            AddIf(user[0], userField, stray, problems);
            AddIf(user[1], passwordField, stray, problems);
        }
        else if (userAll && principalAny)
        {
            var stray = $"must not be set when {AdminUserFields} are set; keep one sign-in method: remove it, "
                + $"or remove {AdminUserFields} and set {ServicePrincipalFields}.";
            AddIf(principal[0], tenantField, stray, problems);
            AddIf(principal[1], clientField, stray, problems);
            AddIf(principal[2], secretField, stray, problems);
        }
        else if (principalAny && userAny)
        {
            problems.Add(new ConfigurationProblem(
                AcrSection,
                $"mixes service principal fields with {AdminUserFields}; set either {ServicePrincipalFields} "
                + $"or {AdminUserFields}."));
        }
        else if (principalAny)
        {
            var why = $"for a service principal, which needs {ServicePrincipalFields}";
            AddIf(!principal[0], tenantField, $"is required {why}; it must be {GuidRule}.", problems);
            AddIf(!principal[1], clientField, $"is required {why}; it must be {GuidRule}.", problems);
            AddIf(!principal[2], secretField, $"is required {why}; it must be the client secret.", problems);
        }
        else
        {
            AddIf(!user[0], userField, $"is required with Password; it must be {BasicAuthUserRule}.", problems);
            AddIf(
                !user[1],
                passwordField,
                "is required with Username; it must be the admin password or the token password.",
                problems);
        }

        // Shape checks only for fields not already reported, so that each field has at most one problem.
        if (!problems.Exists(p => p.Field == tenantField))
        {
            Optional(tenantField, acr.TenantId, IsGuid, GuidRule, problems);
        }

        if (!problems.Exists(p => p.Field == clientField))
        {
            Optional(clientField, acr.ClientId, IsGuid, GuidRule, problems);
        }

        if (!problems.Exists(p => p.Field == userField))
        {
            Optional(userField, acr.Username, IsBasicAuthUser, BasicAuthUserRule, problems);
        }
    }

    private static void AddIf(bool condition, string field, string message, List<ConfigurationProblem> problems)
    {
        if (condition)
        {
            problems.Add(new ConfigurationProblem(field, message));
        }
    }

    private static bool IsGuid(string value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);
}

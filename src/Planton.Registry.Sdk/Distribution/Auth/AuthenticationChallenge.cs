namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header: a scheme and its parameters
/// (<see href="https://www.rfc-editor.org/rfc/rfc9110#name-www-authenticate"/>,
/// <see href="https://distribution.github.io/distribution/spec/auth/token/"/>).
/// </summary>
internal sealed class AuthenticationChallenge
{
    public const string BasicScheme = "Basic";
    public const string BearerScheme = "Bearer";

    public AuthenticationChallenge(
        string scheme, IReadOnlyDictionary<string, string> parameters, string? token68 = null)
    {
        Scheme = scheme;
        Parameters = parameters;
        Token68 = token68;
    }

    /// <summary>The scheme as sent, such as <c>Bearer</c>; compare it case-insensitively.</summary>
    public string Scheme { get; }

    /// <summary>The parameters, keyed case-insensitively, with quoted strings unescaped.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The token68 form some schemes use instead of parameters, or null.</summary>
    public string? Token68 { get; }

    public bool IsBasic => string.Equals(Scheme, BasicScheme, StringComparison.OrdinalIgnoreCase);

    public bool IsBearer => string.Equals(Scheme, BearerScheme, StringComparison.OrdinalIgnoreCase);

    public string? Realm => Get("realm");

    public string? Service => Get("service");

    public string? Scope => Get("scope");

    public string? Error => Get("error");

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The challenge to answer among those a 401 offered: Bearer when it names a realm to fetch a token from, else
    /// Basic, else null. A Bearer challenge without a realm cannot be answered, so a server that offers
    /// <c>Basic, Bearer</c> that way is answered with Basic.
    /// </summary>
    public static AuthenticationChallenge? ChooseUsable(IEnumerable<AuthenticationChallenge> challenges)
    {
        var offered = challenges as IReadOnlyCollection<AuthenticationChallenge> ?? challenges.ToArray();
        return offered.FirstOrDefault(c => c.IsBearer && !string.IsNullOrWhiteSpace(c.Realm))
            ?? offered.FirstOrDefault(c => c.IsBasic);
    }

    /// <summary>Shows the scheme and the parameter names that describe the challenge.</summary>
    public override string ToString() =>
        $"{Scheme} realm={Realm ?? "-"} service={Service ?? "-"} scope={Scope ?? "-"} error={Error ?? "-"}";
}

using System.Text;
using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>
/// The validated form of a set of <see cref="NpmRegistryEntry"/>: the <c>.npmrc</c> lines to write, in order, the
/// keys the writer owns (and so replaces or removes), and the placeholder variables to hand back.
/// </summary>
internal sealed class NpmrcPlan
{
    private static readonly string[] s_credentialFields = ["_authToken", "username", "_password", "_auth", "email"];

    private NpmrcPlan(
        IReadOnlyList<KeyValuePair<string, string>> lines,
        IReadOnlySet<string> ownedKeys,
        IReadOnlyDictionary<string, Secret> variables)
    {
        Lines = lines;
        OwnedKeys = ownedKeys;
        Variables = variables;
    }

    /// <summary>The lines to write as key and raw value, in the order new ones are appended.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Lines { get; }

    /// <summary>Every key whose existing lines the writer replaces or removes.</summary>
    public IReadOnlySet<string> OwnedKeys { get; }

    /// <summary>The placeholder variables and their values; empty without placeholders.</summary>
    public IReadOnlyDictionary<string, Secret> Variables { get; }

    /// <exception cref="RegistryConfigurationException">An entry is invalid or two entries conflict.</exception>
    public static NpmrcPlan Create(IReadOnlyList<NpmRegistryEntry> entries, bool usePlaceholders)
    {
        var problems = new List<ConfigurationProblem>();
        var checkedEntries = new List<CheckedEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"entries[{i}] is null.", nameof(entries));
            var field = $"entries[{i}]";
            var url = NormalizeUrl(entry.RegistryUrl, field + ".RegistryUrl", problems);
            var scope = NormalizeScope(entry.Scope, field + ".Scope", problems);
            CheckAuth(entry.Auth, field + ".Auth", problems);
            if (entry.VariableName is { } name && !EnvironmentVariableNames.IsValid(name))
            {
                problems.Add(new ConfigurationProblem(
                    field + ".VariableName", "must be letters, digits and '_', not starting with a digit."));
            }

            if (url is not null && entry.Auth is not null)
            {
                var registryKey = url[url.IndexOf("//", StringComparison.Ordinal)..];
                checkedEntries.Add(new CheckedEntry(i, entry, url, registryKey, scope));
            }
        }

        var groups = checkedEntries.GroupBy(e => e.RegistryKey, StringComparer.Ordinal).ToList();
        CheckConflicts(checkedEntries, groups, problems);
        if (problems.Count > 0)
        {
            throw new RegistryConfigurationException(null, problems);
        }

        var lines = new List<KeyValuePair<string, string>>();
        var owned = new HashSet<string>(StringComparer.Ordinal);
        var variables = new Dictionary<string, Secret>(StringComparer.Ordinal);
        var taken = new HashSet<string>(
            checkedEntries.Select(e => e.Entry.VariableName).OfType<string>(), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var item in group)
            {
                if (item.Scope is not null)
                {
                    Add(lines, owned, item.Scope + ":registry", item.Url);
                }

                if (item.Entry.IsDefaultRegistry)
                {
                    Add(lines, owned, "registry", item.Url);
                }
            }

            var auth = group.Select(e => e.Entry.Auth).FirstOrDefault(a => a.Kind != NpmAuthKind.None) ?? NpmAuth.None;
            var variable = usePlaceholders && auth.Kind != NpmAuthKind.None
                ? ChooseVariableName(group.ToList(), auth.Kind, taken)
                : null;
            AddAuthLines(lines, owned, variables, group.Key, auth, variable);
            owned.Add(group.Key + ":always-auth");
            if (group.Any(e => e.Entry.AlwaysAuth))
            {
                Add(lines, owned, group.Key + ":always-auth", "true");
            }
        }

        return new NpmrcPlan(lines, owned, variables);
    }

    private static void AddAuthLines(
        List<KeyValuePair<string, string>> lines,
        HashSet<string> owned,
        Dictionary<string, Secret> variables,
        string registryKey,
        NpmAuth auth,
        string? variable)
    {
        if (auth.Kind == NpmAuthKind.None)
        {
            return;
        }

        foreach (var field in s_credentialFields)
        {
            owned.Add(registryKey + ":" + field);
        }

        var secret = auth.Secret!;
        switch (auth.Kind)
        {
            case NpmAuthKind.Token:
                Add(lines, owned, registryKey + ":_authToken", Value(secret, variable, variables, encode: false));
                break;
            case NpmAuthKind.UsernamePassword:
                Add(lines, owned, registryKey + ":username", EscapeValue(auth.Username!));
                Add(lines, owned, registryKey + ":_password", Value(secret, variable, variables, encode: true));
                if (auth.Email is not null)
                {
                    Add(lines, owned, registryKey + ":email", EscapeValue(auth.Email));
                }

                break;
            default:
                var pair = new Secret(auth.Username + ":" + secret.Reveal());
                Add(lines, owned, registryKey + ":_auth", Value(pair, variable, variables, encode: true));
                break;
        }
    }

    private static string Value(Secret secret, string? variable, Dictionary<string, Secret> variables, bool encode)
    {
        var value = encode ? new Secret(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret.Reveal()))) : secret;
        if (variable is null)
        {
            return EscapeValue(value.Reveal());
        }

        variables[variable] = value;
        return "${" + variable + "}";
    }

    private static string ChooseVariableName(List<CheckedEntry> group, NpmAuthKind kind, HashSet<string> taken)
    {
        if (group.Select(e => e.Entry.VariableName).FirstOrDefault(n => n is not null) is { } explicitName)
        {
            return explicitName;
        }

        var prefix = kind switch
        {
            NpmAuthKind.Token => "NPM_TOKEN",
            NpmAuthKind.UsernamePassword => "NPM_PASSWORD",
            _ => "NPM_AUTH",
        };
        var scopes = group.Select(e => e.Scope).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var suffix = scopes.Count == 1 ? scopes[0] : group[0].RegistryKey;
        return EnvironmentVariableNames.TakeUnique(EnvironmentVariableNames.Derive(prefix, suffix), taken);
    }

    private static void CheckConflicts(
        List<CheckedEntry> entries, List<IGrouping<string, CheckedEntry>> groups, List<ConfigurationProblem> problems)
    {
        var scopes = new Dictionary<string, int>(StringComparer.Ordinal);
        int? defaultIndex = null;
        foreach (var item in entries)
        {
            if (item.Scope is not null && !scopes.TryAdd(item.Scope, item.Index))
            {
                problems.Add(new ConfigurationProblem(
                    $"entries[{item.Index}].Scope",
                    $"{item.Scope} is also the scope of entries[{scopes[item.Scope]}]; "
                    + "a scope routes to one registry."));
            }

            if (item.Entry.IsDefaultRegistry)
            {
                if (defaultIndex is { } first)
                {
                    problems.Add(new ConfigurationProblem(
                        $"entries[{item.Index}].IsDefaultRegistry",
                        $"entries[{first}] is already the default registry; only one entry can be."));
                }

                defaultIndex ??= item.Index;
            }
        }

        var variableOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            CheckedEntry? withAuth = null;
            foreach (var item in group)
            {
                if (item.Entry.Auth.Kind == NpmAuthKind.None)
                {
                    continue;
                }

                if (withAuth is null)
                {
                    withAuth = item;
                }
                else if (!withAuth.Entry.Auth.Equals(item.Entry.Auth))
                {
                    problems.Add(new ConfigurationProblem(
                        $"entries[{item.Index}].Auth",
                        $"differs from the credential of entries[{withAuth.Index}] for the same registry "
                        + $"{group.Key}; npm keeps one credential per registry."));
                }
            }

            var named = group.Where(e => e.Entry.VariableName is not null).ToList();
            foreach (var item in named)
            {
                var name = item.Entry.VariableName!;
                if (!string.Equals(name, named[0].Entry.VariableName, StringComparison.Ordinal))
                {
                    problems.Add(new ConfigurationProblem(
                        $"entries[{item.Index}].VariableName",
                        $"differs from the VariableName of entries[{named[0].Index}] for the same registry."));
                }
                else if (variableOwners.TryGetValue(name, out var other) && other != group.Key)
                {
                    problems.Add(new ConfigurationProblem(
                        $"entries[{item.Index}].VariableName",
                        $"{name} is also used for {other}; each secret needs its own variable."));
                }
                else
                {
                    variableOwners[name] = group.Key;
                }
            }
        }
    }

    private static void CheckAuth(NpmAuth? auth, string field, List<ConfigurationProblem> problems)
    {
        if (auth is null)
        {
            problems.Add(new ConfigurationProblem(field, "is required; use NpmAuth.None to write no credential."));
            return;
        }

        if (auth.Kind == NpmAuthKind.None)
        {
            return;
        }

        if (auth.Secret!.IsEmpty)
        {
            problems.Add(new ConfigurationProblem(field, "has an empty token or password."));
        }

        if (auth.Kind == NpmAuthKind.Token)
        {
            CheckLiteral(auth.Secret.Reveal(), field + ".Token", problems);
        }

        if (auth.Username is { } username)
        {
            CheckLiteral(username, field + ".Username", problems);
            if (auth.Kind == NpmAuthKind.Basic && username.Contains(':', StringComparison.Ordinal))
            {
                problems.Add(new ConfigurationProblem(
                    field + ".Username", "must not contain ':' in _auth credentials."));
            }
        }

        if (auth.Email is { } email)
        {
            CheckLiteral(email, field + ".Email", problems);
        }
    }

    /// <summary>Checks that a value survives npm's ini reader and its <c>${VAR}</c> expansion unchanged. The
    /// messages never quote the value, which may be a secret.</summary>
    private static void CheckLiteral(string value, string field, List<ConfigurationProblem> problems)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add(new ConfigurationProblem(field, "must be a single line."));
        }
        else if (value.Contains("${", StringComparison.Ordinal))
        {
            problems.Add(new ConfigurationProblem(field, "must not contain '${', which npm expands as a variable."));
        }
        else if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            problems.Add(new ConfigurationProblem(field, "must not begin or end with white space, which npm drops."));
        }
        else if (value.Length > 1 && value[0] is '"' or '\'' && value[^1] == value[0])
        {
            problems.Add(new ConfigurationProblem(field, "must not be wrapped in quotes, which npm strips."));
        }
    }

    private static string? NormalizeUrl(Uri? uri, string field, List<ConfigurationProblem> problems)
    {
        if (uri is null)
        {
            problems.Add(new ConfigurationProblem(field, "is required."));
            return null;
        }

        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(new ConfigurationProblem(field, "must be an absolute http or https URL."));
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            problems.Add(new ConfigurationProblem(field, "must not carry user info; the credential goes in Auth."));
            return null;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add(new ConfigurationProblem(field, "must not have a query or a fragment."));
            return null;
        }

        var path = uri.AbsolutePath;
        if (path.AsSpan().IndexOfAny(";=#") >= 0)
        {
            problems.Add(new ConfigurationProblem(
                field, "must not contain ';', '=' or '#', which .npmrc keys cannot hold."));
            return null;
        }

        return $"{uri.Scheme}://{uri.Authority}{(path.EndsWith('/') ? path : path + "/")}";
    }

    private static string? NormalizeScope(string? scope, string field, List<ConfigurationProblem> problems)
    {
        if (scope is null)
        {
            return null;
        }

        var normalized = scope.Trim().ToLowerInvariant();
        if (!normalized.StartsWith('@'))
        {
            normalized = "@" + normalized;
        }

        if (!ToolConfigPatterns.NpmScope().IsMatch(normalized))
        {
            problems.Add(new ConfigurationProblem(
                field,
                $"'{scope}' is not an npm scope; use @name with letters, digits, '-', '.', '_' or '~'."));
            return null;
        }

        return normalized;
    }

    private static void Add(List<KeyValuePair<string, string>> lines, HashSet<string> owned, string key, string value)
    {
        owned.Add(key);
        lines.Add(new KeyValuePair<string, string>(key, value));
    }

    /// <summary>Escapes the characters npm's ini reader treats specially in an unquoted value.</summary>
    private static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace("#", "\\#", StringComparison.Ordinal);

    private sealed record CheckedEntry(
        int Index, NpmRegistryEntry Entry, string Url, string RegistryKey, string? Scope);
}

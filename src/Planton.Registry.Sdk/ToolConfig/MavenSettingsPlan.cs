using Planton.Registry.Sdk.Credentials;

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>The validated form of a set of <see cref="MavenServerEntry"/>: the text of every value to write and the
/// placeholder variables to hand back.</summary>
internal sealed class MavenSettingsPlan
{
    private MavenSettingsPlan(
        string profileId, IReadOnlyList<Server> servers, IReadOnlyDictionary<string, Secret> variables)
    {
        ProfileId = profileId;
        Servers = servers;
        Variables = variables;
    }

    public string ProfileId { get; }

    public IReadOnlyList<Server> Servers { get; }

    public IReadOnlyDictionary<string, Secret> Variables { get; }

    /// <exception cref="RegistryConfigurationException">An entry or an option is invalid, or two entries
    /// conflict.</exception>
    public static MavenSettingsPlan Create(IReadOnlyList<MavenServerEntry> entries, MavenSettingsWriteOptions options)
    {
        var problems = new List<ConfigurationProblem>();
        CheckToken(options.ProfileId, "ProfileId", problems);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var explicitNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"entries[{i}] is null.", nameof(entries));
            var field = $"entries[{i}]";
            if (CheckToken(entry.Id, field + ".Id", problems) && !ids.TryAdd(entry.Id, i))
            {
                problems.Add(new ConfigurationProblem(
                    field + ".Id", $"{entry.Id} is also the id of entries[{ids[entry.Id]}]; server ids are unique."));
            }

            CheckText(entry.Username, field + ".Username", problems);
            CheckText(entry.Password?.Reveal(), field + ".Password", problems);
            CheckUrl(entry.RepositoryUrl, field + ".RepositoryUrl", problems);
            if ((entry.IncludeRepository || entry.IncludePluginRepository) && !entry.Releases && !entry.Snapshots)
            {
                problems.Add(new ConfigurationProblem(
                    field + ".Releases", "and Snapshots are both false; the repository would serve nothing."));
            }

            CheckVariable(entry.PasswordVariable, field + ".PasswordVariable", explicitNames, problems);
            CheckVariable(entry.UsernameVariable, field + ".UsernameVariable", explicitNames, problems);
        }

        if (problems.Count > 0)
        {
            throw new RegistryConfigurationException(null, problems);
        }

        var variables = new Dictionary<string, Secret>(StringComparer.Ordinal);
        var taken = new HashSet<string>(explicitNames.Keys, StringComparer.Ordinal);
        var servers = new List<Server>(entries.Count);
        foreach (var entry in entries)
        {
            var password = entry.Password;
            var username = entry.Username;
            if (options.UseEnvironmentPlaceholders)
            {
                var name = entry.PasswordVariable
                    ?? EnvironmentVariableNames.TakeUnique(
                        EnvironmentVariableNames.Derive("MAVEN_PASSWORD", entry.Id), taken);
                variables[name] = entry.Password;
                password = new Secret("${env." + name + "}");
                if (options.UseUsernamePlaceholders)
                {
                    var userName = entry.UsernameVariable
                        ?? EnvironmentVariableNames.TakeUnique(
                            EnvironmentVariableNames.Derive("MAVEN_USERNAME", entry.Id), taken);
                    variables[userName] = new Secret(entry.Username);
                    username = "${env." + userName + "}";
                }
            }

            servers.Add(new Server(entry, username, password));
        }

        return new MavenSettingsPlan(options.ProfileId, servers, variables);
    }

    private static bool CheckToken(string? value, string field, List<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new ConfigurationProblem(field, "is required."));
            return false;
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || value.Contains("${", StringComparison.Ordinal))
        {
            problems.Add(new ConfigurationProblem(field, "must not contain white space, control characters or '${'."));
            return false;
        }

        return true;
    }

    /// <summary>Checks a user name or password; the messages never quote it.</summary>
    private static void CheckText(string? value, string field, List<ConfigurationProblem> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new ConfigurationProblem(field, "is required and must not be empty."));
        }
        else if (value.Any(char.IsControl))
        {
            problems.Add(new ConfigurationProblem(field, "must not contain control characters or line breaks."));
        }
        else if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            problems.Add(new ConfigurationProblem(field, "must not begin or end with white space, which Maven trims."));
        }
    }

    private static void CheckUrl(Uri? uri, string field, List<ConfigurationProblem> problems)
    {
        if (uri is null)
        {
            problems.Add(new ConfigurationProblem(field, "is required."));
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(new ConfigurationProblem(field, "must be an absolute http or https URL."));
        }
        else if (uri.UserInfo.Length > 0)
        {
            problems.Add(new ConfigurationProblem(
                field, "must not carry user info; the credentials go in the server."));
        }
        else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add(new ConfigurationProblem(field, "must not have a query or a fragment."));
        }
    }

    private static void CheckVariable(
        string? name, string field, Dictionary<string, string> explicitNames, List<ConfigurationProblem> problems)
    {
        if (name is null)
        {
            return;
        }

        if (!EnvironmentVariableNames.IsValid(name))
        {
            problems.Add(new ConfigurationProblem(
                field, "must be letters, digits and '_', not starting with a digit."));
        }
        else if (!explicitNames.TryAdd(name, field))
        {
            problems.Add(new ConfigurationProblem(
                field, $"{name} is also set for {explicitNames[name]}; each value needs its own variable."));
        }
    }

    /// <summary>One server as it is written: the entry, and the user name and password text (a placeholder when
    /// asked for).</summary>
    internal sealed class Server
    {
        public Server(MavenServerEntry entry, string usernameText, Secret passwordText)
        {
            Entry = entry;
            UsernameText = usernameText;
            PasswordText = passwordText;
        }

        public MavenServerEntry Entry { get; }

        public string UsernameText { get; }

        public Secret PasswordText { get; }
    }
}

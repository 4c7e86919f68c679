namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>Where npm and Maven look for the current user's configuration files.</summary>
public static class ToolConfigPaths
{
    /// <summary>
    /// The user <c>.npmrc</c> npm reads: <c>$NPM_CONFIG_USERCONFIG</c> (any letter case, as npm reads it; a leading
    /// <c>~/</c> means the home folder) when set, otherwise <c>~/.npmrc</c>.
    /// </summary>
    /// <returns>A full path.</returns>
    /// <exception cref="InvalidOperationException">No home folder is known.</exception>
    public static string GetDefaultNpmrcPath() =>
        GetDefaultNpmrcPath(Environment.GetEnvironmentVariable, HomeFolder());

    /// <summary>The user <c>settings.xml</c> Maven reads when no <c>-s</c> option is given:
    /// <c>~/.m2/settings.xml</c>.</summary>
    /// <returns>A full path.</returns>
    /// <exception cref="InvalidOperationException">No home folder is known.</exception>
    public static string GetDefaultMavenSettingsPath() => Path.Combine(HomeFolder(), ".m2", "settings.xml");

    internal static string GetDefaultNpmrcPath(Func<string, string?> environment, string home)
    {
        var configured = environment("NPM_CONFIG_USERCONFIG");
        if (string.IsNullOrEmpty(configured))
        {
            configured = environment("npm_config_userconfig");
        }

        if (string.IsNullOrEmpty(configured))
        {
            return Path.Combine(home, ".npmrc");
        }

        if (configured == "~" || configured.StartsWith("~/", StringComparison.Ordinal))
        {
            configured = Path.Combine(home, configured.Length > 2 ? configured[2..] : string.Empty);
        }

        return Path.GetFullPath(configured);
    }

    private static string HomeFolder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home)
            ? throw new InvalidOperationException("No home folder is known (set HOME or USERPROFILE).")
            : home;
    }
}

namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>How <see cref="MavenSettingsWriter"/> writes <c>settings.xml</c>.</summary>
public sealed class MavenSettingsWriteOptions
{
    /// <summary>The profile id used when none is set.</summary>
    public const string DefaultProfileId = "planton-registries";

    /// <summary>The id of the profile that holds the repositories; it is added to <c>&lt;activeProfiles&gt;</c>
    /// once. Default <see cref="DefaultProfileId"/>.</summary>
    public string ProfileId { get; set; } = DefaultProfileId;

    /// <summary>
    /// Writes <c>${env.NAME}</c> instead of each password; Maven expands it from its environment when it reads the
    /// file. The names and values come back in <see cref="ToolConfigWriteResult.EnvironmentVariables"/>. An unset
    /// variable stays literal and the repository refuses it (401). Default false: passwords are written into the file
    /// (mode 0600).
    /// </summary>
    public bool UseEnvironmentPlaceholders { get; set; }

    /// <summary>With <see cref="UseEnvironmentPlaceholders"/>, writes the user names as placeholders too. Default
    /// false.</summary>
    public bool UseUsernamePlaceholders { get; set; }
}

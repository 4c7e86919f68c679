namespace Planton.Registry.Sdk.ToolConfig;

/// <summary>How <see cref="NpmrcWriter"/> writes secrets.</summary>
public sealed class NpmrcWriteOptions
{
    /// <summary>
    /// Writes <c>${NAME}</c> placeholders instead of secrets; npm expands them from its environment when it reads
    /// the file. The names and the values to set come back in <see cref="ToolConfigWriteResult.EnvironmentVariables"/>.
    /// For <c>_password</c> and <c>_auth</c> the value to set is the base64 form the line needs. npm 11 leaves an
    /// unset variable as literal text, which the registry refuses (E401). Default false: the secrets are written into
    /// the file (mode 0600).
    /// </summary>
    public bool UseEnvironmentPlaceholders { get; set; }
}

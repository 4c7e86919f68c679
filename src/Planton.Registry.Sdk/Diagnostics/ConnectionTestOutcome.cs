namespace Planton.Registry.Sdk.Diagnostics;

/// <summary>How one check of a connection test ended.</summary>
public enum ConnectionTestOutcome
{
    /// <summary>The check passed.</summary>
    Passed = 1,

    /// <summary>The check failed; the report's failure and remedy say why and what to do.</summary>
    Failed,

    /// <summary>
    /// The check was not made, or could not tell: an earlier check failed, it does not apply (plain http has no
    /// TLS), or the registry would not say.
    /// </summary>
    Skipped,
}

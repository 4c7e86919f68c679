namespace Planton.Registry.Sdk.Distribution;

/// <summary>What happened to one blob of a push.</summary>
internal enum BlobPushOutcome
{
    /// <summary>The repository already had it.</summary>
    Skipped,

    /// <summary>The registry mounted it from another repository.</summary>
    Mounted,

    /// <summary>Its bytes were uploaded.</summary>
    Uploaded,
}

namespace Planton.Registry.Sdk.Distribution;

/// <summary>Which way the blobs of a <see cref="TransferProgress"/> report travel.</summary>
public enum TransferDirection
{
    /// <summary>To the registry: a push.</summary>
    Upload = 0,

    /// <summary>From the registry: a pull.</summary>
    Download = 1,
}

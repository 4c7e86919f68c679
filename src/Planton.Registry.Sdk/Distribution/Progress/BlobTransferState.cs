namespace Planton.Registry.Sdk.Distribution;

/// <summary>Where one blob of a push or pull stands, as <see cref="TransferProgress"/> reports it.</summary>
public enum BlobTransferState
{
    /// <summary>Its bytes start to move: an upload or download begins. Reported once per blob that moves.</summary>
    Started = 0,

    /// <summary>Bytes are moving; <see cref="TransferProgress.BytesTransferred"/> says how far it got.</summary>
    Transferring = 1,

    /// <summary>
    /// Nothing moved because the other side already had it: the repository (push) or the layout (pull).
    /// </summary>
    Skipped = 2,

    /// <summary>The registry mounted it from another repository of the same registry (push only).</summary>
    Mounted = 3,

    /// <summary>All its bytes arrived and were verified.</summary>
    Completed = 4,

    /// <summary>It failed, and so does the push or pull.</summary>
    Failed = 5,
}

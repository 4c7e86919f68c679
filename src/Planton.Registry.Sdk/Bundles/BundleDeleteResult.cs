namespace Planton.Registry.Sdk.Bundles;

/// <summary>What <see cref="IWorkerBundleStore.DeleteAsync"/> removed.</summary>
public sealed record BundleDeleteResult
{
    /// <summary>The Worker script name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The version.</summary>
    public required string Tag { get; init; }

    /// <summary>The key prefix that was emptied, <c>{serviceName}/{tag}/</c>.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>How many objects were deleted, manifest included.</summary>
    public required int ObjectsDeleted { get; init; }

    /// <summary>False when only the leftovers of an interrupted put or delete were found (no manifest).</summary>
    public required bool WasComplete { get; init; }
}

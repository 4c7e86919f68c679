namespace Planton.Registry.Sdk.Bundles;

/// <summary>One complete stored version of a service, as <see cref="IWorkerBundleStore.ListAsync"/> lists it.</summary>
public sealed record BundleVersion
{
    /// <summary>The version's tag.</summary>
    public required string Tag { get; init; }

    /// <summary>When the version's manifest was written, as the bucket reports it.</summary>
    public required DateTimeOffset StoredAt { get; init; }

    /// <summary>The sum of the sizes of the version's files in bytes, manifest excluded.</summary>
    public required long Size { get; init; }

    /// <summary>How many files the version holds, manifest excluded.</summary>
    public required int FileCount { get; init; }
}

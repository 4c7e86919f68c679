namespace Planton.Registry.Sdk.Distribution;

/// <summary>
/// The operating system and CPU an image runs on, as an image index entry names them
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/image-index.md"/>).
/// </summary>
/// <param name="Os">The operating system, such as <c>linux</c>.</param>
/// <param name="Architecture">The CPU architecture in Go's naming, such as <c>amd64</c> or <c>arm64</c>.</param>
/// <param name="Variant">The CPU variant, such as <c>v8</c>, or null when any variant will do.</param>
public sealed record OciPlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>Formats the platform as <c>os/architecture[/variant]</c>.</summary>
    /// <returns>The platform in the form the docker command line takes it.</returns>
    public override string ToString() =>
        Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>
    /// True when <paramref name="candidate"/> is this platform; the variant counts only when set here.
    /// </summary>
    /// <param name="candidate">The platform of an image index entry.</param>
    /// <returns>Whether the entry fits this platform.</returns>
    public bool Matches(OciPlatform? candidate) =>
        candidate is not null
        && string.Equals(Os, candidate.Os, StringComparison.Ordinal)
        && string.Equals(Architecture, candidate.Architecture, StringComparison.Ordinal)
        && (Variant is null || string.Equals(Variant, candidate.Variant, StringComparison.Ordinal));
}

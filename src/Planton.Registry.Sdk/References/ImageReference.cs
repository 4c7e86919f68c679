using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Planton.Registry.Sdk.References;

/// <summary>
/// A fully qualified OCI/Docker image reference: registry, repository path, and a tag, a digest or both.
/// Parsing follows the grammar of the distribution project's
/// <see href="https://github.com/distribution/reference">reference package</see> with Docker Hub
/// normalisation (<c>alpine</c> is <c>docker.io/library/alpine</c>), and digests follow the
/// <see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI image
/// spec</see>. Instances are immutable; two references are equal when their <see cref="Canonical"/> forms are.
/// </summary>
[DebuggerDisplay("{Canonical,nq}")]
public sealed class ImageReference : IEquatable<ImageReference>
{
    /// <summary>The tag <see cref="WithDefaultTag"/> adds when a reference has neither tag nor digest.</summary>
    public const string DefaultTag = "latest";

    internal ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
        RepositoryReference = registry + "/" + repository;
        Canonical = ImageReferenceParser.Compose(registry, repository, tag, digest);
    }

    /// <summary>The registry host with its port if any, such as <c>docker.io</c>, <c>127.0.0.1:5001</c> or
    /// <c>[::1]:5000</c>. Docker Hub is always <c>docker.io</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry, such as <c>library/alpine</c>; always lowercase.</summary>
    public string Repository { get; }

    /// <summary>The tag as given, such as <c>3.20</c>, or null when the reference has none.</summary>
    public string? Tag { get; }

    /// <summary>The digest as given, such as <c>sha256:</c> and 64 hexadecimal digits, or null when the reference
    /// has none.</summary>
    public string? Digest { get; }

    /// <summary>
    /// The fully qualified form <c>registry/repository[:tag][@digest]</c>. The tag and digest are kept exactly as
    /// given and none is invented: <c>alpine</c> gives <c>docker.io/library/alpine</c>; call
    /// <see cref="WithDefaultTag"/> first to get <c>:latest</c>.
    /// </summary>
    public string Canonical { get; }

    /// <summary>The registry and repository without tag or digest, such as <c>docker.io/library/alpine</c>.</summary>
    public string RepositoryReference { get; }

    /// <summary>True when the registry is Docker Hub (<c>docker.io</c>).</summary>
    public bool IsDockerHub => Registry == ImageReferenceParser.DockerHub;

    /// <summary>Parses a reference such as <c>alpine</c>, <c>ghcr.io/acme/app:1.2</c> or
    /// <c>localhost:5000/app@sha256:…</c>.</summary>
    /// <param name="reference">The reference text; it is not trimmed.</param>
    /// <returns>The parsed reference, normalised to its fully qualified form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is null.</exception>
    /// <exception cref="ImageReferenceException">The text is not a valid reference; the exception gives the first
    /// position at fault (the input's length when a part is missing at the end, as in <c>alpine:</c>; -1 when the
    /// whole input is at fault) and what would be valid.</exception>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);

        return ImageReferenceParser.Parse(reference, out var error) ?? throw error.ToException(reference);
    }

    /// <summary>Parses a reference without throwing.</summary>
    /// <param name="reference">The reference text; null gives false.</param>
    /// <param name="result">The parsed reference, or null when the text is not valid.</param>
    /// <returns>True when the text is a valid reference.</returns>
    public static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? result)
    {
        result = reference is null ? null : ImageReferenceParser.Parse(reference, out _);
        return result is not null;
    }

    /// <summary>
    /// Builds a reference from its parts, checking each. The registry must read as one when the reference is
    /// printed (it has a <c>.</c> or a port, or is <c>localhost</c>); <c>index.docker.io</c> becomes
    /// <c>docker.io</c>, and a one-component Docker Hub repository gets <c>library/</c>.
    /// </summary>
    /// <param name="registry">The registry host with optional port, such as <c>us-docker.pkg.dev</c>.</param>
    /// <param name="repository">The lowercase repository path, such as <c>acme/images/app</c>.</param>
    /// <param name="tag">The tag, or null for none.</param>
    /// <param name="digest">The digest, or null for none.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> or <paramref name="repository"/> is
    /// null.</exception>
    /// <exception cref="ImageReferenceException">A part is invalid; the reason names the part and what would be
    /// valid, and the position counts in <c>registry/repository[:tag][@digest]</c>.</exception>
    public static ImageReference Create(string registry, string repository, string? tag, string? digest = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);

        return ImageReferenceParser.Create(registry, repository, tag, digest, out var error)
            ?? throw error.ToException(ImageReferenceParser.Compose(registry, repository, tag, digest));
    }

    /// <summary>Gives the same repository with another tag, keeping the digest if any.</summary>
    /// <param name="tag">The new tag.</param>
    /// <returns>The new reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    /// <exception cref="ImageReferenceException">The tag is invalid.</exception>
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);

        return Create(Registry, Repository, tag, Digest);
    }

    /// <summary>Gives the same repository with another digest, keeping the tag if any.</summary>
    /// <param name="digest">The new digest, such as <c>sha256:</c> and 64 lowercase hexadecimal digits.</param>
    /// <returns>The new reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="digest"/> is null.</exception>
    /// <exception cref="ImageReferenceException">The digest is invalid.</exception>
    public ImageReference WithDigest(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);

        return Create(Registry, Repository, Tag, digest);
    }

    /// <summary>Gives this reference with the tag <c>latest</c> when it has neither tag nor digest, otherwise
    /// this reference unchanged, as Docker does before a pull.</summary>
    /// <returns>A reference with a tag or a digest.</returns>
    public ImageReference WithDefaultTag() =>
        Tag is null && Digest is null ? new ImageReference(Registry, Repository, DefaultTag, null) : this;

    /// <summary>Gives <see cref="Canonical"/>.</summary>
    /// <returns>The fully qualified reference.</returns>
    public override string ToString() => Canonical;

    /// <summary>Compares two references by their canonical text, ordinally.</summary>
    /// <param name="other">The other reference.</param>
    /// <returns>True when registry, repository, tag and digest are all the same.</returns>
    public bool Equals(ImageReference? other) =>
        other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImageReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    /// <summary>Compares two references by their canonical text.</summary>
    /// <param name="left">The first reference, or null.</param>
    /// <param name="right">The second reference, or null.</param>
    /// <returns>True when both are null or both have the same canonical text.</returns>
    public static bool operator ==(ImageReference? left, ImageReference? right) => Equals(left, right);

    /// <summary>Compares two references by their canonical text.</summary>
    /// <param name="left">The first reference, or null.</param>
    /// <param name="right">The second reference, or null.</param>
    /// <returns>True when the canonical texts differ.</returns>
    public static bool operator !=(ImageReference? left, ImageReference? right) => !Equals(left, right);
}

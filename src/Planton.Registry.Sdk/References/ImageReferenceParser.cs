namespace Planton.Registry.Sdk.References;

/// <summary>
/// Splits and checks reference text with the normalisation of the distribution project's
/// <c>ParseNormalizedNamed</c>: a name without a registry is on Docker Hub (<c>docker.io</c>), a one-component
/// Docker Hub name gets <c>library/</c>, and <c>index.docker.io</c> is read as <c>docker.io</c>. The text is
/// cut once at the first <c>@</c>, the last <c>/</c> and the first <c>:</c> after it, then every part is checked
/// by a single forward scan, so parsing takes linear time.
/// </summary>
internal static class ImageReferenceParser
{
    internal const string DockerHub = "docker.io";
    internal const string LegacyDockerHub = "index.docker.io";
    internal const string OfficialNamespace = "library/";

    private const string Shape =
        "expected [registry/]repository[:tag][@digest], such as docker.io/library/alpine:3.20";

    private const int ImageIdLength = 64;

    public static ImageReference? Parse(string text, out ReferenceError error)
    {
        if (text.Length == 0)
        {
            error = new(-1, "the reference is empty; " + Shape);
            return null;
        }

        if (IsImageId(text))
        {
            error = new(-1, "64 hexadecimal digits are an image ID, not a repository name; put a registry before "
                + "the name (docker.io/library/...) or write repository@sha256:<digest>");
            return null;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var nameAndTag = at < 0 ? text.AsSpan() : text.AsSpan(0, at);
        var lastComponent = nameAndTag.LastIndexOf('/') + 1;
        var colonInLast = nameAndTag[lastComponent..].IndexOf(':');
        var tagColon = colonInLast < 0 ? -1 : lastComponent + colonInLast;
        var name = tagColon < 0 ? nameAndTag : nameAndTag[..tagColon];
        if (name.IsEmpty)
        {
            error = new(0, "the repository name is empty; " + Shape);
            return null;
        }

        var slash = name.IndexOf('/');
        var hasRegistry = slash >= 0 && ReferenceGrammar.LooksLikeRegistry(name[..slash]);
        var registry = hasRegistry ? name[..slash] : DockerHub;
        var pathOffset = hasRegistry ? slash + 1 : 0;
        var fault = (hasRegistry ? ReferenceGrammar.CheckRegistryHost(registry, 0) : null)
            ?? ReferenceGrammar.CheckRepository(name[pathOffset..], pathOffset)
            ?? (tagColon < 0 ? null : ReferenceGrammar.CheckTag(nameAndTag[(tagColon + 1)..], tagColon + 1))
            ?? (at < 0 ? null : OciDigest.CheckInReference(text.AsSpan(at + 1), at + 1));
        if (fault is not null)
        {
            error = fault.Value;
            return null;
        }

        return Build(
            registry.ToString(),
            name[pathOffset..].ToString(),
            tagColon < 0 ? null : nameAndTag[(tagColon + 1)..].ToString(),
            at < 0 ? null : text[(at + 1)..],
            out error);
    }

    public static ImageReference? Create(
        string registry, string repository, string? tag, string? digest, out ReferenceError error)
    {
        var tagOffset = registry.Length + 1 + repository.Length + 1;
        var digestOffset = tagOffset + (tag is null ? 0 : tag.Length + 1);
        var fault = ReferenceGrammar.CheckRegistryHost(registry, 0)
            ?? (ReferenceGrammar.LooksLikeRegistry(registry)
                ? (ReferenceError?)null
                : new ReferenceError(0, "the registry host has no '.' and no port and is not 'localhost', so the "
                    + "reference would read as a Docker Hub path; use a fully qualified host or add a port"))
            ?? ReferenceGrammar.CheckRepository(repository, registry.Length + 1)
            ?? (tag is null ? null : ReferenceGrammar.CheckTag(tag, tagOffset))
            ?? (digest is null ? null : OciDigest.CheckInReference(digest, digestOffset));
        if (fault is not null)
        {
            error = fault.Value;
            return null;
        }

        return Build(registry, repository, tag, digest, out error);
    }

    public static string Compose(string registry, string repository, string? tag, string? digest)
    {
        var text = registry + "/" + repository;
        text = tag is null ? text : text + ":" + tag;
        return digest is null ? text : text + "@" + digest;
    }

    private static ImageReference? Build(
        string registry, string repository, string? tag, string? digest, out ReferenceError error)
    {
        if (registry == LegacyDockerHub)
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = OfficialNamespace + repository;
        }

        var nameLength = registry.Length + 1 + repository.Length;
        if (nameLength > ReferenceGrammar.MaxNameLength)
        {
            error = new(-1, $"registry, '/' and repository path are {ReferenceGrammar.Count(nameLength)} "
                + "characters long together; at most 255 are allowed");
            return null;
        }

        error = default;
        return new ImageReference(registry, repository, tag, digest);
    }

    private static bool IsImageId(string text)
    {
        if (text.Length != ImageIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}

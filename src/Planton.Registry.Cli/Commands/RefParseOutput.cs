using System.Text.Json.Serialization;

namespace Planton.Registry.Cli.Commands;

/// <summary>What <c>ref parse --json</c> prints.</summary>
internal sealed record RefParseOutput(
    [property: JsonPropertyName("registry")] string Registry,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("canonical")] string Canonical);

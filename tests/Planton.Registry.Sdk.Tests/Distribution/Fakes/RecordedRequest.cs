namespace Planton.Registry.Sdk.Tests.Distribution.Fakes;

/// <summary>What the fake registry saw of one request.</summary>
internal sealed record RecordedRequest(
    string Method,
    Uri Uri,
    string? Authorization,
    string? ContentRange,
    string? ContentType,
    int BodyLength,
    string Accept);

using System.Text.Json;

namespace Planton.Registry.Sdk.Tests.Fakes;

/// <summary>What a loopback fake answers.</summary>
internal sealed record FakeResponse(int Status, string Body, string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeResponse Json(int status, object body) => new(status, JsonSerializer.Serialize(body));
}

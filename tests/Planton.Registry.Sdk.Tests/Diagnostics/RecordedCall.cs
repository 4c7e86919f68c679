namespace Planton.Registry.Sdk.Tests.Diagnostics;

/// <summary>One request the fake registry saw: method, URI and the Authorization header as sent.</summary>
internal sealed record RecordedCall(HttpMethod Method, Uri Uri, string? Authorization);

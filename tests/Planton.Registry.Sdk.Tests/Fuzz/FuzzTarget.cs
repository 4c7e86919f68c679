namespace Planton.Registry.Sdk.Tests.Fuzz;

/// <summary>One parser under fuzz: its seed inputs and how it is called on one input.</summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<string> Seeds, Action<string> Run, Type? TypedException);

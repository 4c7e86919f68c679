namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>One measurement a <see cref="TelemetryRecorder"/> saw, with its tags as text.</summary>
internal sealed record RecordedMeasurement(
    string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, string?> Tags);

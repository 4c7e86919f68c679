using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Planton.Registry.Sdk.Telemetry;

namespace Planton.Registry.Sdk.Tests.Telemetry;

/// <summary>
/// Listens to the SDK's activity source and meter as an OpenTelemetry exporter would, and keeps every stopped span
/// and every measurement.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public TelemetryRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PlantonRegistryTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PlantonRegistryTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _meters.Start();
    }

    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    public IReadOnlyList<RecordedMeasurement> Measurements => _measurements.ToArray();

    /// <summary>Spans and measurements whose tags name <paramref name="repository"/> or no repository at all.</summary>
    public IReadOnlyList<Activity> SpansOf(string name, string repository) =>
        Spans.Where(s => s.OperationName == name
                && (string?)s.GetTagItem("planton.registry.repository") == repository)
            .ToList();

    public IReadOnlyList<RecordedMeasurement> MeasurementsOf(string instrument) =>
        Measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Every tag value of every span and measurement, as text.</summary>
    public IEnumerable<string> AllTagValues() =>
        Spans.SelectMany(s => s.TagObjects.Select(t => Text(t.Value))
                .Append(s.DisplayName)
                .Append(s.StatusDescription ?? string.Empty))
            .Concat(Measurements.SelectMany(m => m.Tags.Values.Select(v => v ?? string.Empty)));

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private static string Text(object? value) =>
        Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = Text(tag.Value);
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, instrument.Unit, value, copy));
    }
}

namespace Planton.Registry.Sdk.Telemetry;

/// <summary>
/// The names under which the SDK reports traces and metrics through <c>System.Diagnostics</c>, for an
/// OpenTelemetry host to subscribe to (<c>AddSource(PlantonRegistryTelemetry.ActivitySourceName)</c>,
/// <c>AddMeter(PlantonRegistryTelemetry.MeterName)</c>) or for an <c>ActivityListener</c> and a
/// <c>MeterListener</c>. Nothing is recorded while no one listens. No tag ever holds a secret or a URL query.
/// </summary>
public static class PlantonRegistryTelemetry
{
    /// <summary>
    /// The name of the one <see cref="System.Diagnostics.ActivitySource"/> of the SDK:
    /// <c>Planton.Registry.Sdk</c>. Its version is the assembly's version.
    /// </summary>
    public const string ActivitySourceName = "Planton.Registry.Sdk";

    /// <summary>
    /// The name of the one <see cref="System.Diagnostics.Metrics.Meter"/> of the SDK: <c>Planton.Registry.Sdk</c>.
    /// Its version is the assembly's version.
    /// </summary>
    public const string MeterName = "Planton.Registry.Sdk";
}

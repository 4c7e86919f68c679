using System.Diagnostics;

namespace Planton.Registry.Sdk.Telemetry;

/// <summary>
/// The span and the duration of one cloud credential exchange: started where the exchange starts, ended once with
/// its outcome. Tags name the provider kind only: never the identity, a key, a token or the token service's answer.
/// </summary>
internal sealed class CredentialExchangeTelemetry
{
    private readonly TimeProvider _timeProvider;
    private readonly string _provider;
    private readonly long _started;
    private readonly Activity? _activity;

    private CredentialExchangeTelemetry(TimeProvider timeProvider, string provider)
    {
        _timeProvider = timeProvider;
        _provider = provider;
        _started = timeProvider.GetTimestamp();
        _activity = RegistryTelemetry.Source.StartActivity(TelemetryNames.CredentialExchangeSpan, ActivityKind.Client);
        _activity?.SetTag(TelemetryTags.Provider, provider);
    }

    /// <summary>Starts the span and the clock of an exchange for <paramref name="provider"/>.</summary>
    public static CredentialExchangeTelemetry Start(TimeProvider timeProvider, string provider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(provider);
        return new CredentialExchangeTelemetry(timeProvider, provider);
    }

    /// <summary>Ends the exchange: successful when <paramref name="exception"/> is null.</summary>
    public void End(Exception? exception)
    {
        var outcome = exception is null ? TelemetryTags.Success : RegistryTelemetry.OutcomeOf(exception);
        if (RegistryTelemetry.CredentialExchangeDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryTags.Provider, _provider },
                { TelemetryTags.Outcome, outcome },
            };
            if (exception is not null)
            {
                tags.Add(TelemetryTags.ErrorType, RegistryTelemetry.ErrorType(exception));
            }

            RegistryTelemetry.CredentialExchangeDuration.Record(
                _timeProvider.GetElapsedTime(_started).TotalSeconds, tags);
        }

        if (_activity is null)
        {
            return;
        }

        if (exception is null)
        {
            _activity.SetTag(TelemetryTags.Outcome, outcome);
        }
        else
        {
            RegistryTelemetry.SetFailure(_activity, exception);
        }

        _activity.Dispose();
    }
}

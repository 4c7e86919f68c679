using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Planton.Registry.Sdk.IntegrationTests.Bundles;

/// <summary>Keeps every formatted log line (and its exception) so tests can search them for secrets.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    public string AllText() => string.Join(Environment.NewLine, Entries.Select(e => e.Text));

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? string.Empty : " " + exception);
            owner.Entries.Enqueue((eventId, logLevel, text));
        }
    }
}

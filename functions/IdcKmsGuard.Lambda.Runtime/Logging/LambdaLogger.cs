using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal sealed class LambdaLogger(string category, LogEntryWriter writer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => writer.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) =>
        logLevel != LogLevel.None
        && (logLevel >= writer.Options.MinimumLevel
            || (logLevel >= LogLevel.Debug && writer.Context.Current is { DebugSampled: true }));

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        writer.Write(logLevel, category, Format(state, exception, formatter), exception, state);
    }

    // The template formatter calls each argument's ToString; a throwing one must not turn a log call into a crash.
    private static string Format<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            return formatter(state, exception);
        }
        catch (Exception)
        {
            var template = (state as IEnumerable<KeyValuePair<string, object?>>)?
                .FirstOrDefault(pair => pair.Key == LogKeyNames.OriginalFormat).Value as string;
            return template ?? "(the log message could not be formatted)";
        }
    }
}

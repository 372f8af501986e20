using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal static class LogLevelNames
{
    // Powertools writes LogLevel's own names; Lambda's level filter reads the "level" key.
    public static string ToName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => "None",
    };

    // Accepts both Microsoft.Extensions.Logging names (POWERTOOLS_LOG_LEVEL) and Lambda's (AWS_LAMBDA_LOG_LEVEL).
    public static LogLevel? Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        "NONE" => LogLevel.None,
        _ => throw new FormatException($"'{value}' is not a log level."),
    };
}

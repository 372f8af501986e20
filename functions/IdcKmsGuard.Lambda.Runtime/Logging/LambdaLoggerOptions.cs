using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

public sealed record LambdaLoggerOptions
{
    // Powertools' default, so that dashboards built for Powertools functions treat ours the same way.
    public const string DefaultService = "service_undefined";

    public string Service { get; init; } = DefaultService;

    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    // Fraction of invocations (0..1) logged at Debug whatever the minimum level, as POWERTOOLS_LOGGER_SAMPLE_RATE.
    public double SamplingRate { get; init; }

    public string? FunctionName { get; init; }

    public string? FunctionVersion { get; init; }

    public int? FunctionMemorySize { get; init; }

    public static LambdaLoggerOptions FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new LambdaLoggerOptions
        {
            Service = NonEmpty(environment.GetVariable(EnvironmentVariableNames.ServiceName)) ?? DefaultService,
            MinimumLevel = ReadLevel(environment, EnvironmentVariableNames.LambdaLogLevel)
                ?? ReadLevel(environment, EnvironmentVariableNames.LogLevel)
                ?? LogLevel.Information,
            SamplingRate = ReadSamplingRate(environment),
            FunctionName = NonEmpty(environment.GetVariable(EnvironmentVariableNames.FunctionName)),
            FunctionVersion = NonEmpty(environment.GetVariable(EnvironmentVariableNames.FunctionVersion)),
            FunctionMemorySize = int.TryParse(
                environment.GetVariable(EnvironmentVariableNames.FunctionMemorySize),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var memory) ? memory : null,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // Lambda's advanced logging level wins over POWERTOOLS_LOG_LEVEL, as in Powertools: Lambda drops lower lines anyway.
    private static LogLevel? ReadLevel(IEnvironmentVariables environment, string name)
    {
        var value = environment.GetVariable(name);
        try
        {
            return LogLevelNames.Parse(value);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"{name}='{value}' is not a log level: use Trace, Debug, Information, Warning, Error, Critical or None.",
                exception);
        }
    }

    private static double ReadSamplingRate(IEnvironmentVariables environment)
    {
        var value = NonEmpty(environment.GetVariable(EnvironmentVariableNames.LogSampleRate));
        if (value is null)
        {
            return 0;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariableNames.LogSampleRate}='{value}' is not a rate between 0 and 1.");
        }

        return rate;
    }
}

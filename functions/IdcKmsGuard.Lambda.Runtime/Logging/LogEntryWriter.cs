using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal sealed partial class LogEntryWriter(
    LambdaLoggerOptions options,
    LambdaLogContext context,
    LogScopeStack scopes,
    TimeProvider timeProvider,
    LogOutput output)
{
    // Relaxed escaping keeps ARNs and messages readable; control characters are still escaped, so a line stays one line.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public LambdaLoggerOptions Options => options;

    public LambdaLogContext Context => context;

    public LogScopeStack Scopes => scopes;

    public void Write(LogLevel level, string category, string message, Exception? exception, object? state)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        try
        {
            WriteEntry(buffer, level, category, message, exception, state, withExtraKeys: true);
        }
        catch (Exception)
        {
            // An argument whose ToString throws must not throw into the caller, which may be logging from a catch
            // block; the line is kept without the extra keys.
            buffer.ResetWrittenCount();
            WriteEntry(buffer, level, category, message, exception, state, withExtraKeys: false);
        }

        output.WriteLine(buffer.WrittenSpan);
    }

    private void WriteEntry(
        ArrayBufferWriter<byte> buffer,
        LogLevel level,
        string category,
        string message,
        Exception? exception,
        object? state,
        bool withExtraKeys)
    {
        var invocation = context.Current;
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString(LogKeys.Level, LogLevelNames.ToName(level));
            json.WriteString(LogKeys.Message, message);
            json.WriteString(LogKeys.Timestamp, FormatTimestamp(timeProvider.GetUtcNow()));
            json.WriteString(LogKeys.Service, options.Service);
            WriteFunctionKeys(json, invocation);
            json.WriteString(LogKeys.Name, category);
            if (options.SamplingRate > 0)
            {
                json.WriteNumber(LogKeys.SamplingRate, options.SamplingRate);
            }

            if (invocation?.CorrelationId is { } correlationId)
            {
                json.WriteString(LogKeys.CorrelationId, correlationId);
            }

            if (exception is not null)
            {
                json.WritePropertyName(LogKeys.Exception);
                ExceptionJson.Write(json, exception);
            }

            if (withExtraKeys)
            {
                WriteExtraKeys(json, state);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    private void WriteFunctionKeys(Utf8JsonWriter json, InvocationLogState? invocation)
    {
        if (invocation is not null)
        {
            json.WriteBoolean(LogKeys.ColdStart, invocation.ColdStart);
        }

        if (options.FunctionName is { } functionName)
        {
            json.WriteString(LogKeys.FunctionName, functionName);
        }

        if (options.FunctionMemorySize is { } memorySize)
        {
            json.WriteNumber(LogKeys.FunctionMemorySize, memorySize);
        }

        if (invocation is not null)
        {
            if (invocation.FunctionArn.Length > 0)
            {
                json.WriteString(LogKeys.FunctionArn, invocation.FunctionArn);
            }

            json.WriteString(LogKeys.FunctionRequestId, invocation.RequestId);
        }

        if (options.FunctionVersion is { } functionVersion)
        {
            json.WriteString(LogKeys.FunctionVersion, functionVersion);
        }

        if (invocation?.XRayTraceId is { } traceId)
        {
            json.WriteString(LogKeys.XRayTraceId, traceId);
        }
    }

    private static string FormatTimestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
}

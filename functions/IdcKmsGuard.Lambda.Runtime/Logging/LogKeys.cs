using System.Collections.Frozen;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

// The Powertools for AWS Lambda (.NET) key names: CloudWatch Logs Insights queries and Lambda's level filter rely on them.
internal static class LogKeys
{
    public const string Level = "level";
    public const string Message = "message";
    public const string Timestamp = "timestamp";
    public const string Service = "service";
    public const string ColdStart = "cold_start";
    public const string FunctionName = "function_name";
    public const string FunctionMemorySize = "function_memory_size";
    public const string FunctionArn = "function_arn";
    public const string FunctionRequestId = "function_request_id";
    public const string FunctionVersion = "function_version";
    public const string XRayTraceId = "xray_trace_id";
    public const string Name = "name";
    public const string SamplingRate = "sampling_rate";
    public const string CorrelationId = "correlation_id";
    public const string Exception = "exception";

    public static FrozenSet<string> Reserved { get; } = new[]
    {
        Level, Message, Timestamp, Service, ColdStart, FunctionName, FunctionMemorySize, FunctionArn,
        FunctionRequestId, FunctionVersion, XRayTraceId, Name, SamplingRate, CorrelationId, Exception,
    }.ToFrozenSet(StringComparer.Ordinal);
}

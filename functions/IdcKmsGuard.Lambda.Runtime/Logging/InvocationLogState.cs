namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal sealed record InvocationLogState(
    string RequestId,
    string FunctionArn,
    string? XRayTraceId,
    bool ColdStart,
    bool DebugSampled,
    string? CorrelationId);

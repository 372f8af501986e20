namespace IdcKmsGuard.Lambda.Runtime;

public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Payload);

namespace IdcKmsGuard.Lambda.Runtime.Logging;

// Process-wide rather than AsyncLocal: Lambda runs one invocation at a time per process, and lines written from
// threads that did not flow the execution context must still carry the request id.
public sealed class LambdaLogContext
{
    private readonly double samplingRate;
    private readonly Func<double> nextRandom;
    private InvocationLogState? current;
    private bool invokedBefore;

    internal LambdaLogContext(double samplingRate, Func<double> nextRandom)
    {
        this.samplingRate = samplingRate;
        this.nextRandom = nextRandom;
    }

    internal InvocationLogState? Current => Volatile.Read(ref current);

    // For a handler that finds a correlation id in its event, as Powertools' CorrelationIdPath does.
    public void SetCorrelationId(string? correlationId)
    {
        var current = Current;
        while (current is not null)
        {
            var updated = current with { CorrelationId = correlationId };
            var seen = Interlocked.CompareExchange(ref this.current, updated, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    internal void BeginInvocation(LambdaInvocation invocation)
    {
        var coldStart = !invokedBefore;
        invokedBefore = true;
        var sampled = samplingRate > 0 && nextRandom() < samplingRate;
        Volatile.Write(
            ref current,
            new InvocationLogState(
                invocation.RequestId,
                invocation.InvokedFunctionArn,
                XRayRoot(invocation.TraceId),
                coldStart,
                sampled,
                CorrelationId: null));
    }

    internal void EndInvocation() => Volatile.Write(ref current, null);

    // Powertools writes only the Root id of "Root=1-...;Parent=...;Sampled=1".
    private static string? XRayRoot(string? traceHeader)
    {
        if (string.IsNullOrWhiteSpace(traceHeader))
        {
            return null;
        }

        foreach (var part in traceHeader.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                return part["Root=".Length..];
            }
        }

        return traceHeader;
    }
}

namespace IdcKmsGuard.Lambda.Runtime;

public interface ILambdaHandler
{
    // The handler serializes its own response so that it can use its own source-generated JSON context.
    // The token is cancelled shortly before the invocation deadline, and when the process is asked to stop.
    Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}

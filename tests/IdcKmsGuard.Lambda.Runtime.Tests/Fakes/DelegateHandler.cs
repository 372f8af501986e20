namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed class DelegateHandler(Func<LambdaInvocation, CancellationToken, Task<ReadOnlyMemory<byte>>> handle)
    : ILambdaHandler
{
    public Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken) =>
        handle(invocation, cancellationToken);

    public static DelegateHandler Sync(Func<LambdaInvocation, ReadOnlyMemory<byte>> handle) =>
        new((invocation, _) => Task.FromResult(handle(invocation)));
}

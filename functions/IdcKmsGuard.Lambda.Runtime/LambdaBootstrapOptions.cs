namespace IdcKmsGuard.Lambda.Runtime;

public sealed record LambdaBootstrapOptions
{
    // Lambda kills the sandbox at the deadline; cancelling the handler earlier leaves time to report an error the
    // invoker and the dead-letter queue can see. For short budgets a tenth of the budget is used instead.
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    public int NextInvocationAttempts { get; init; } = 4;

    // Doubles after each failed attempt.
    public TimeSpan NextInvocationRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    // Tests turn this off so that the test host keeps its own SIGTERM handling.
    public bool StopOnSigterm { get; init; } = true;
}

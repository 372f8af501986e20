using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaBootstrap
{
    // Time left after the handler's token fires for a handler that ignores it, before we give up waiting.
    private static readonly TimeSpan MinimumStopGrace = TimeSpan.FromMilliseconds(50);

    // Returns false only when the handler kept running past its cancellation; the process must then exit, because
    // the abandoned handler would otherwise run on next to the next invocation.
    private async Task<bool> InvokeAsync(ILambdaHandler handler, LambdaInvocation invocation, CancellationToken stopToken)
    {
        environment.SetVariable(EnvironmentVariableNames.TraceId, invocation.TraceId);
        logContext.BeginInvocation(invocation);
        try
        {
            var budget = invocation.Deadline - timeProvider.GetUtcNow();
            if (budget < TimeSpan.Zero)
            {
                budget = TimeSpan.Zero;
            }

            var margin = budget / 10 < options.DeadlineMargin ? budget / 10 : options.DeadlineMargin;
            var grace = margin / 2 > MinimumStopGrace ? margin / 2 : MinimumStopGrace;
            using var deadline = new CancellationTokenSource(budget - margin, timeProvider);
            using var giveUp = new CancellationTokenSource(budget - margin + grace, timeProvider);
            using var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopToken);

            // Task.Run so that a handler blocking synchronously cannot keep the loop from watching the deadline.
            var handlerTask = Task.Run(() => handler.HandleAsync(invocation, handlerToken.Token), CancellationToken.None);
            ReadOnlyMemory<byte> response;
            try
            {
                response = await handlerTask.WaitAsync(giveUp.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!handlerTask.IsCompleted)
            {
                var error = new LambdaError(
                    LambdaErrorTypes.HandlerDidNotStop,
                    $"The handler did not stop within {grace.TotalMilliseconds:0} ms of being cancelled before its deadline.");
                logger.LogCritical("The handler ignored cancellation; reporting {ErrorType} and exiting", error.ErrorType);
                await PostErrorAsync(invocation.RequestId, error).ConfigureAwait(false);
                return false;
            }
            // One bad invocation must become an invocation error, never end the loop.
            catch (Exception exception)
            {
                var error = ErrorFor(exception, deadline.IsCancellationRequested, stopToken.IsCancellationRequested, margin);
                logger.LogError(exception, "The handler failed with {ErrorType}: {ErrorMessage}", error.ErrorType, error.ErrorMessage);
                await PostErrorAsync(invocation.RequestId, error).ConfigureAwait(false);
                return true;
            }

            await PostResponseAsync(invocation.RequestId, response).ConfigureAwait(false);
            return true;
        }
        finally
        {
            logContext.EndInvocation();
        }
    }

    private static LambdaError ErrorFor(Exception exception, bool deadlineReached, bool stopping, TimeSpan margin) =>
        exception switch
        {
            OperationCanceledException when deadlineReached => new LambdaError(
                LambdaErrorTypes.DeadlineExceeded,
                $"The invocation was cancelled {margin.TotalMilliseconds:0} ms before its deadline."),
            OperationCanceledException when stopping => new LambdaError(
                LambdaErrorTypes.Shutdown,
                "The invocation was cancelled because the runtime is shutting down."),
            _ => LambdaError.FromException(exception),
        };
}

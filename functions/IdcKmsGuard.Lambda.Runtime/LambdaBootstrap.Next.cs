using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaBootstrap
{
    private async Task<(LambdaInvocation? Invocation, LambdaExitCode Exit)> NextInvocationAsync(CancellationToken stopToken)
    {
        var delay = options.NextInvocationRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (stopToken.IsCancellationRequested)
            {
                return Stopped();
            }

            try
            {
                return (await client.GetNextInvocationAsync(stopToken).ConfigureAwait(false), LambdaExitCode.Stopped);
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                return Stopped();
            }
            catch (Exception exception) when (IsRuntimeApiFailure(exception))
            {
                if (attempt >= options.NextInvocationAttempts)
                {
                    logger.LogCritical(
                        exception,
                        "The Lambda Runtime API at {RuntimeApi} failed {Attempts} times in a row; exiting",
                        client.BaseAddress.ToString(),
                        attempt);
                    return (null, LambdaExitCode.RuntimeApiUnreachable);
                }

                logger.LogWarning(exception, "Getting the next invocation failed (attempt {Attempt}); retrying", attempt);
            }

            try
            {
                await Task.Delay(delay, timeProvider, stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Stopped();
            }

            delay *= 2;
        }
    }

    private (LambdaInvocation? Invocation, LambdaExitCode Exit) Stopped()
    {
        logger.LogInformation("Stop requested; leaving the invocation loop");
        return (null, LambdaExitCode.Stopped);
    }
}

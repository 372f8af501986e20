using System.Runtime.InteropServices;
using IdcKmsGuard.Lambda.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaBootstrap
{
    private readonly LambdaRuntimeClient client;
    private readonly LambdaLogContext logContext;
    private readonly IEnvironmentVariables environment;
    private readonly TimeProvider timeProvider;
    private readonly LambdaBootstrapOptions options;
    private readonly ILogger logger;

    public LambdaBootstrap(
        LambdaRuntimeClient client,
        LambdaLoggerFactory loggerFactory,
        IEnvironmentVariables environment,
        TimeProvider timeProvider,
        LambdaBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.client = client;
        logContext = loggerFactory.Context;
        this.environment = environment;
        this.timeProvider = timeProvider;
        this.options = options ?? new LambdaBootstrapOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.DeadlineMargin, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.NextInvocationRetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.NextInvocationAttempts, 1, nameof(options));
        logger = loggerFactory.CreateLogger("IdcKmsGuard.Lambda.Runtime.LambdaBootstrap");
    }

    public async Task<LambdaExitCode> RunAsync(
        Func<CancellationToken, Task<ILambdaHandler>> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = options.StopOnSigterm ? RegisterSigterm(stop) : null;

        var (handler, initExit) = await InitializeAsync(initialize, stop.Token).ConfigureAwait(false);
        if (handler is null)
        {
            return initExit;
        }

        while (true)
        {
            var (invocation, nextExit) = await NextInvocationAsync(stop.Token).ConfigureAwait(false);
            if (invocation is null)
            {
                return nextExit;
            }

            if (!await InvokeAsync(handler, invocation, stop.Token).ConfigureAwait(false))
            {
                return LambdaExitCode.HandlerDidNotStop;
            }
        }
    }

    private async Task<(ILambdaHandler? Handler, LambdaExitCode Exit)> InitializeAsync(
        Func<CancellationToken, Task<ILambdaHandler>> initialize, CancellationToken stopToken)
    {
        Exception failure;
        try
        {
            var handler = await initialize(stopToken).ConfigureAwait(false);
            if (handler is not null)
            {
                return (handler, LambdaExitCode.Stopped);
            }

            failure = new InvalidOperationException("Initialization returned no handler.");
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped during initialization");
            return (null, LambdaExitCode.Stopped);
        }
        // Any init failure must reach init/error, or Lambda only sees an exit code.
        catch (Exception exception)
        {
            failure = exception;
        }

        var error = LambdaError.FromException(failure);
        logger.LogCritical(failure, "Initialization failed with {ErrorType}", error.ErrorType);
        try
        {
            await client.PostInitErrorAsync(error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRuntimeApiFailure(exception))
        {
            logger.LogError(exception, "Posting the init error failed");
        }

        return (null, LambdaExitCode.InitFailed);
    }

    private static bool IsRuntimeApiFailure(Exception exception) =>
        exception is HttpRequestException or IOException or LambdaRuntimeApiException;

    private static PosixSignalRegistration? RegisterSigterm(CancellationTokenSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                // Stop through the token instead of the default immediate exit, so the loop finishes its post.
                context.Cancel = true;
                stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}

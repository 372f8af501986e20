using System.Runtime.InteropServices;
using IdcKmsGuard.Lambda.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaBootstrap
{
    private readonly LambdaRuntimeClient _client;
    private readonly LambdaLogContext _logContext;
    private readonly IEnvironmentVariables _environment;
    private readonly TimeProvider _timeProvider;
    private readonly LambdaBootstrapOptions _options;
    private readonly ILogger _logger;

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
        _client = client;
        _logContext = loggerFactory.Context;
        _environment = environment;
        _timeProvider = timeProvider;
        _options = options ?? new LambdaBootstrapOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DeadlineMargin, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.NextInvocationRetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.NextInvocationAttempts, 1, nameof(options));
        _logger = loggerFactory.CreateLogger("IdcKmsGuard.Lambda.Runtime.LambdaBootstrap");
    }

    public async Task<LambdaExitCode> RunAsync(
        Func<CancellationToken, Task<ILambdaHandler>> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = _options.StopOnSigterm ? RegisterSigterm(stop) : null;

        var (handler, initExit) = await InitializeAsync(initialize, stop.Token);
        if (handler is null)
        {
            return initExit;
        }

        while (true)
        {
            var (invocation, nextExit) = await NextInvocationAsync(stop.Token);
            if (invocation is null)
            {
                return nextExit;
            }

            if (!await InvokeAsync(handler, invocation, stop.Token))
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
            var handler = await initialize(stopToken);
            if (handler is not null)
            {
                return (handler, LambdaExitCode.Stopped);
            }

            failure = new InvalidOperationException("Initialization returned no handler.");
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            _logger.LogInformation("Stopped during initialization");
            return (null, LambdaExitCode.Stopped);
        }
        // Any init failure must reach init/error, or Lambda only sees an exit code.
        catch (Exception exception)
        {
            failure = exception;
        }

        var error = LambdaError.FromException(failure);
        _logger.LogCritical(failure, "Initialization failed with {ErrorType}", error.ErrorType);
        try
        {
            await _client.PostInitErrorAsync(error, CancellationToken.None);
        }
        catch (Exception exception) when (IsRuntimeApiFailure(exception))
        {
            _logger.LogError(exception, "Posting the init error failed");
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

using System.Text.Json;
using IdcKmsGuard.Lambda.Runtime.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed class BootstrapHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly MemoryStream log = new();

    public BootstrapHarness(TimeProvider? time = null, LambdaBootstrapOptions? options = null, string? runtimeApi = null)
    {
        Time = time ?? TimeProvider.System;
        LoggerFactory = new LambdaLoggerFactory(new LambdaLoggerOptions { FunctionName = "idc-kms-guard" }, log, Time);
        Client = new LambdaRuntimeClient(runtimeApi ?? Api.Address);
        Bootstrap = new LambdaBootstrap(
            Client, LoggerFactory, Environment, Time, (options ?? new LambdaBootstrapOptions()) with { StopOnSigterm = false });
    }

    public FakeRuntimeApi Api { get; } = new();

    public FakeEnvironment Environment { get; } = new();

    public TimeProvider Time { get; }

    public LambdaLoggerFactory LoggerFactory { get; }

    public LambdaRuntimeClient Client { get; }

    public LambdaBootstrap Bootstrap { get; }

    public Task<LambdaExitCode> Start(ILambdaHandler handler) =>
        Bootstrap.RunAsync(_ => Task.FromResult(handler), stop.Token);

    public Task<LambdaExitCode> Start(Func<CancellationToken, Task<ILambdaHandler>> initialize) =>
        Bootstrap.RunAsync(initialize, stop.Token);

    public async Task<LambdaExitCode> StopAsync(Task<LambdaExitCode> run)
    {
        await stop.CancelAsync();
        return await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    // Read only once the loop has finished: the log stream is not safe to read while it is written.
    public IReadOnlyList<JsonElement> LogLines() => Fakes.LogLines.Parse(log);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Api.DisposeAsync();
        Client.Dispose();
        LoggerFactory.Dispose();
        log.Dispose();
        stop.Dispose();
    }
}

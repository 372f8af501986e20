using System.Text.Json;
using IdcKmsGuard.Lambda.Runtime.Logging;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Logging;

internal sealed class LoggerHarness : IDisposable
{
    private readonly MemoryStream output = new();

    public LoggerHarness(LambdaLoggerOptions? options = null, double random = 0.99)
    {
        Factory = new LambdaLoggerFactory(options ?? Options, output, Time, () => random, ownsOutput: false);
    }

    public static LambdaLoggerOptions Options { get; } = new()
    {
        Service = "idc-kms-guard",
        FunctionName = "idc-kms-guard-fn",
        FunctionVersion = "$LATEST",
        FunctionMemorySize = 512,
    };

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 30, 45, 123, TimeSpan.Zero));

    public LambdaLoggerFactory Factory { get; }

    public static LambdaInvocation Invocation(string requestId, string? traceId = null) => new(
        requestId,
        new DateTimeOffset(2025, 3, 1, 12, 31, 0, TimeSpan.Zero),
        FakeRuntimeApi.FunctionArn,
        traceId,
        ReadOnlyMemory<byte>.Empty);

    public IReadOnlyList<JsonElement> Lines() => LogLines.Parse(output);

    public void Dispose()
    {
        Factory.Dispose();
        output.Dispose();
    }
}

using IdcKmsGuard.Lambda.Runtime.Logging;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaBootstrapOptionsTests
{
    public static TheoryData<LambdaBootstrapOptions> InvalidOptions => new()
    {
        new LambdaBootstrapOptions { DeadlineMargin = TimeSpan.FromMilliseconds(-1) },
        new LambdaBootstrapOptions { NextInvocationAttempts = 0 },
        new LambdaBootstrapOptions { NextInvocationRetryDelay = TimeSpan.FromMilliseconds(-1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_WhenOptionsAreOutOfRange_ShouldThrow(LambdaBootstrapOptions options)
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001");
        using var output = new MemoryStream();
        using var loggerFactory = new LambdaLoggerFactory(new LambdaLoggerOptions(), output, TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new LambdaBootstrap(client, loggerFactory, new FakeEnvironment(), TimeProvider.System, options));
    }
}

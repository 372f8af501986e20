using IdcKmsGuard.Lambda.Runtime.Logging;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Logging;

public sealed class LambdaLoggerOptionsTests
{
    [Fact]
    public void FromEnvironment_WhenNothingIsSet_ShouldUsePowertoolsDefaults()
    {
        var options = LambdaLoggerOptions.FromEnvironment(new FakeEnvironment());

        Assert.Equal("service_undefined", options.Service);
        Assert.Equal(LogLevel.Information, options.MinimumLevel);
        Assert.Equal(0, options.SamplingRate);
        Assert.Null(options.FunctionName);
        Assert.Null(options.FunctionMemorySize);
    }

    [Fact]
    public void FromEnvironment_WhenLambdaVariablesAreSet_ShouldReadThem()
    {
        var environment = new FakeEnvironment(
            (EnvironmentVariableNames.ServiceName, "idc-kms-guard"),
            (EnvironmentVariableNames.LogLevel, "debug"),
            (EnvironmentVariableNames.LogSampleRate, "0.25"),
            (EnvironmentVariableNames.FunctionName, "guard-fn"),
            (EnvironmentVariableNames.FunctionVersion, "7"),
            (EnvironmentVariableNames.FunctionMemorySize, "1024"));

        var options = LambdaLoggerOptions.FromEnvironment(environment);

        Assert.Equal("idc-kms-guard", options.Service);
        Assert.Equal(LogLevel.Debug, options.MinimumLevel);
        Assert.Equal(0.25, options.SamplingRate);
        Assert.Equal("guard-fn", options.FunctionName);
        Assert.Equal("7", options.FunctionVersion);
        Assert.Equal(1024, options.FunctionMemorySize);
    }

    [Theory]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("TRACE", LogLevel.Trace)]
    public void FromEnvironment_WhenLambdaLogLevelIsSet_ShouldTakePrecedenceOverPowertoolsLevel(string lambdaLevel, LogLevel expected)
    {
        var environment = new FakeEnvironment(
            (EnvironmentVariableNames.LambdaLogLevel, lambdaLevel),
            (EnvironmentVariableNames.LogLevel, "Error"));

        Assert.Equal(expected, LambdaLoggerOptions.FromEnvironment(environment).MinimumLevel);
    }

    [Theory]
    [InlineData(EnvironmentVariableNames.LogLevel, "verbose")]
    [InlineData(EnvironmentVariableNames.LogSampleRate, "1.5")]
    [InlineData(EnvironmentVariableNames.LogSampleRate, "half")]
    public void FromEnvironment_WhenValueIsInvalid_ShouldFailNamingTheVariable(string name, string value)
    {
        var environment = new FakeEnvironment((name, value));

        var exception = Assert.Throws<InvalidOperationException>(() => LambdaLoggerOptions.FromEnvironment(environment));

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaErrorTests
{
    [Fact]
    public void FromException_WhenExceptionIsInternalSubclass_ShouldUseNearestPublicType()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{oops"));

        Assert.Equal("JsonException", LambdaError.FromException(exception).ErrorType);
    }

    [Fact]
    public void FromException_WhenExceptionDeclaresErrorType_ShouldUseIt()
    {
        var error = LambdaError.FromException(new CustomTypedException("no policy"));

        Assert.Equal(new LambdaError("Guard.KeyPolicyUnreadable", "no policy"), error);
    }
}

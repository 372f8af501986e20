using System.Net;
using System.Text;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaRuntimeClientTests
{
    [Fact]
    public async Task GetNextInvocationAsync_WhenInvocationIsQueued_ShouldReadHeadersAndPayload()
    {
        await using var api = new FakeRuntimeApi();
        using var client = new LambdaRuntimeClient(api.Address);
        var deadline = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        api.Enqueue("req/with space", payload: """{"detail":{}}""", deadline: deadline, traceId: "Root=1-abc");

        var invocation = await client.GetNextInvocationAsync(CancellationToken.None);

        Assert.Equal("req/with space", invocation.RequestId);
        Assert.Equal(deadline, invocation.Deadline);
        Assert.Equal(FakeRuntimeApi.FunctionArn, invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-abc", invocation.TraceId);
        Assert.Equal("""{"detail":{}}""", Encoding.UTF8.GetString(invocation.Payload.Span));
    }

    [Fact]
    public async Task PostInvocationErrorAsync_WhenCalled_ShouldSendLambdaErrorBodyAndHeader()
    {
        await using var api = new FakeRuntimeApi();
        using var client = new LambdaRuntimeClient(api.Address);

        await client.PostInvocationErrorAsync("req/with space", new LambdaError("Guard.Denied", "access denied"), CancellationToken.None);
        var error = await api.ErrorFor("req/with space");

        Assert.Equal("Guard.Denied", error.ErrorTypeHeader);
        Assert.Equal("""{"errorMessage":"access denied","errorType":"Guard.Denied","stackTrace":[]}""", error.Body);
    }

    [Fact]
    public async Task PostInvocationErrorAsync_WhenErrorTypeHasNonAsciiCharacters_ShouldSendASafeHeader()
    {
        await using var api = new FakeRuntimeApi();
        using var client = new LambdaRuntimeClient(api.Address);

        await client.PostInvocationErrorAsync("req-1", new LambdaError("Guard.Dénié\n", "x"), CancellationToken.None);
        var error = await api.ErrorFor("req-1");

        Assert.Equal("Guard.D_ni__", error.ErrorTypeHeader);
        Assert.Equal("Guard.Dénié\n", error.ErrorTypeInBody);
    }

    [Fact]
    public async Task PostResponseAsync_WhenApiRejects_ShouldThrowWithStatusCode()
    {
        await using var api = new FakeRuntimeApi();
        using var client = new LambdaRuntimeClient(api.Address);
        api.RejectResponse("req-1", HttpStatusCode.RequestEntityTooLarge);

        var exception = await Assert.ThrowsAsync<LambdaRuntimeApiException>(
            () => client.PostResponseAsync("req-1", new byte[16], CancellationToken.None));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, exception.StatusCode);
        Assert.Equal("invocation/response", exception.Operation);
    }

    [Fact]
    public void FromEnvironment_WhenRuntimeApiIsMissing_ShouldFailNamingTheVariable()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => LambdaRuntimeClient.FromEnvironment(new FakeEnvironment()));

        Assert.Contains(EnvironmentVariableNames.RuntimeApi, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_WhenRuntimeApiIsSet_ShouldUseTheVersionedBaseAddress()
    {
        using var client = LambdaRuntimeClient.FromEnvironment(
            new FakeEnvironment((EnvironmentVariableNames.RuntimeApi, "127.0.0.1:9001")));

        Assert.Equal(new Uri("http://127.0.0.1:9001/2018-06-01/runtime/"), client.BaseAddress);
    }
}

using System.Text;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaBootstrapErrorTests
{
    [Fact]
    public async Task RunAsync_WhenHandlerThrows_ShouldLogOneJsonLineWithRequestIdAndErrorType()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-logged");

        var run = harness.Start(DelegateHandler.Sync(_ => throw new InvalidOperationException("boom")));
        await harness.Api.ErrorFor("req-logged");
        await harness.StopAsync(run);

        var line = Assert.Single(harness.LogLines(), line => line.StringOrNull("level") == "Error");
        Assert.Equal("req-logged", line.StringOrNull("function_request_id"));
        Assert.Equal("InvalidOperationException", line.StringOrNull("error_type"));
        Assert.Equal("System.InvalidOperationException", line.GetProperty("exception").GetProperty("type").GetString());
        Assert.True(line.GetProperty("cold_start").GetBoolean());
    }

    [Fact]
    public async Task RunAsync_When200InvocationsHalfThrow_ShouldAnswerEveryInvocation()
    {
        await using var harness = new BootstrapHarness();
        var ids = Enumerable.Range(0, 200).Select(i => $"req-{i:000}").ToList();
        ids.ForEach(id => harness.Api.Enqueue(id));
        var handler = DelegateHandler.Sync(invocation => int.Parse(invocation.RequestId[4..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1
            ? throw new ArgumentException("odd request")
            : Encoding.UTF8.GetBytes(invocation.RequestId));

        var run = harness.Start(handler);
        var errors = await Task.WhenAll(ids.Where((_, i) => i % 2 == 1).Select(harness.Api.ErrorFor));
        var responses = await Task.WhenAll(ids.Where((_, i) => i % 2 == 0).Select(harness.Api.ResponseFor));
        var exit = await harness.StopAsync(run);

        Assert.Equal(100, errors.Length);
        Assert.All(errors, error => Assert.Equal("ArgumentException", error.ErrorTypeHeader));
        Assert.All(responses, response => Assert.Equal(response.RequestId, response.Body));
        Assert.Equal(100, harness.Api.ResponseCount);
        Assert.Equal(100, harness.Api.ErrorCount);
        Assert.Equal(LambdaExitCode.Stopped, exit);
    }

    [Fact]
    public async Task RunAsync_WhenPayloadIsMalformed_ShouldPostThePublicJsonExceptionType()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-malformed", payload: "{not json");

        var run = harness.Start(DelegateHandler.Sync(invocation =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(invocation.Payload);
            return "{}"u8.ToArray();
        }));
        var error = await harness.Api.ErrorFor("req-malformed");
        await harness.StopAsync(run);

        Assert.Equal("JsonException", error.ErrorTypeHeader);
    }
}

using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.Http;

public sealed class AwsHttpClientCancellationTests
{
    private static readonly ScriptedResponse NoInstances = ScriptedResponse.Json(200, """{"Instances":[]}""");

    [Fact]
    public async Task SendAsync_WhenCallerCancelsDuringTheCall_ShouldThrowOperationCanceledWithoutRetrying()
    {
        // The server answers concurrently, so a retry would be recorded, and answered at once with success.
        using var server = new ScriptedAwsServer(NoInstances with { Delay = TimeSpan.FromSeconds(10) }, NoInstances);
        using var caller = new CancellationTokenSource();
        var call = new SsoAdminClient(server.HttpClient(ScriptedClients.Fast(maxAttempts: 4)), "us-east-1").ListInstancesAsync(caller.Token);
        await WaitForAsync(() => server.Requests.Count == 1);

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Task.Delay(100);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_WhenCancelledBeforeTheCall_ShouldSendNothing()
    {
        using var server = new ScriptedAwsServer(NoInstances);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SsoAdminClient(server.HttpClient(), "us-east-1").ListInstancesAsync(new CancellationToken(canceled: true)));

        await Task.Delay(100);
        Assert.Empty(server.Requests);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

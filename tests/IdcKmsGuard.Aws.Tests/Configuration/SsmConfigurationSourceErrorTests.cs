using Amazon.Runtime;
using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.Configuration;

/// <summary>Failures the stand-in cannot produce: a refusal by SSM, and no answer at all.</summary>
public sealed class SsmConfigurationSourceErrorTests
{
    private static readonly BasicAWSCredentials Credentials = new("111122223333", "secret");

    [Fact]
    public async Task ReadAsync_WhenSsmRefuses_ShouldThrowAwsCallExceptionWithCodeAndRequestId()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(400, """{"__type":"AccessDeniedException","message":"not authorized to perform ssm:GetParameter"}""", "req-123"));
        using var clients = new SsmClientFactory(Credentials, Resolver(server.Endpoint));

        var failure = await Assert.ThrowsAsync<AwsCallException>(() => new SsmConfigurationSource(clients.For("us-east-1"), "/idckmsguard/configuration").ReadAsync(CancellationToken.None));

        Assert.Equal(("ssm", "GetParameter", "AccessDeniedException", "req-123", 400, "/idckmsguard/configuration"), (failure.Service, failure.Operation, failure.ErrorCode, failure.RequestId, failure.HttpStatus, failure.Resource));
        Assert.True(failure.IsAccessDenied);
        Assert.Equal("AmazonSSM.GetParameter", server.Requests[0].Header("X-Amz-Target"));
    }

    [Fact]
    public async Task ReadAsync_WhenNothingAnswers_ShouldThrowAwsCallException()
    {
        using var clients = new SsmClientFactory(Credentials, Resolver(FreePort.Closed()));

        var failure = await Assert.ThrowsAsync<AwsCallException>(() => new SsmConfigurationSource(clients.For("us-east-1"), "/idckmsguard/configuration").ReadAsync(CancellationToken.None));

        Assert.Equal(("ssm", "NoResponse"), (failure.Service, failure.ErrorCode));
    }

    [Fact]
    public async Task ReadAsync_WhenCancelled_ShouldThrowOperationCanceled()
    {
        using var clients = new SsmClientFactory(Credentials, Resolver(FreePort.Closed()));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SsmConfigurationSource(clients.For("us-east-1"), "/x").ReadAsync(cancelled.Token));
    }

    [Fact]
    public void For_WhenTheSsmOverrideIsSet_ShouldUseItBeforeTheGlobalOne()
    {
        var endpoints = new AwsEndpointResolver(name => name switch
        {
            "AWS_ENDPOINT_URL_SSM" => "http://127.0.0.1:4566/",
            "AWS_ENDPOINT_URL" => "http://127.0.0.1:9/",
            _ => null,
        });

        Assert.Equal(new Uri("http://127.0.0.1:4566/"), endpoints.Override(AwsService.Ssm));
    }

    private static AwsEndpointResolver Resolver(Uri endpoint) =>
        new(name => name == AwsEndpointResolver.GlobalOverride ? endpoint.ToString() : null);
}

using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.Http;

public sealed class AwsHttpClientRetryTests
{
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-72231b1f8b0d1c7e";
    private static readonly string Described = $$"""{"InstanceArn":"{{InstanceArn}}","Status":"ACTIVE"}""";

    [Fact]
    public async Task SendAsync_When500ThenSuccess_ShouldRetryWithAFreshSignature()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(500, """{"__type":"InternalServerException","Message":"try again"}"""),
            ScriptedResponse.Json(200, Described));

        var response = await new SsoAdminClient(server.HttpClient(), "us-east-1").DescribeInstanceAsync(InstanceArn, CancellationToken.None);

        Assert.Equal("ACTIVE", response.Status);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, request =>
        {
            Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={ScriptedClients.AccessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.Contains("/us-east-1/sso/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Header("X-Amz-Date"));
            Assert.Equal(server.Requests[0].BodyText, request.BodyText);
        });
    }

    [Fact]
    public async Task SendAsync_When400ThrottlingException_ShouldRetry()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(400, """{"__type":"com.amazonaws.sso#ThrottlingException","Message":"Rate exceeded"}"""),
            ScriptedResponse.Json(200, Described));

        var response = await new SsoAdminClient(server.HttpClient(), "us-east-1").DescribeInstanceAsync(InstanceArn, CancellationToken.None);

        Assert.Equal(InstanceArn, response.InstanceArn);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_When500OnEveryAttempt_ShouldGiveUpAfterMaxAttemptsAndSaySo()
    {
        var failure = ScriptedResponse.Json(500, """{"__type":"InternalServerException","Message":"still broken"}""", "req-3");
        using var server = new ScriptedAwsServer(failure, failure, failure, ScriptedResponse.Json(200, Described));

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            new SsoAdminClient(server.HttpClient(ScriptedClients.Fast(maxAttempts: 3)), "us-east-1").DescribeInstanceAsync(InstanceArn, CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("InternalServerException", error.ErrorCode);
        Assert.Equal("still broken (after 3 attempts)", error.ErrorMessage);
        Assert.Equal(500, error.HttpStatus);
        Assert.Equal("req-3", error.RequestId);
    }

    [Fact]
    public async Task SendAsync_WhenConnectionRefused_ShouldRetryThenThrowNetworkError()
    {
        var closedPort = FreePort.Closed();

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            new SsoAdminClient(ScriptedClients.HttpClient(closedPort, ScriptedClients.Fast(maxAttempts: 3)), "us-east-1").ListInstancesAsync(CancellationToken.None));

        Assert.Equal("NetworkError", error.ErrorCode);
        Assert.EndsWith("(after 3 attempts)", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(error.HttpStatus);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }
}

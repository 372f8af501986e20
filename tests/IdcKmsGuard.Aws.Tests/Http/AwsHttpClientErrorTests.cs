using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.Http;

public sealed class AwsHttpClientErrorTests
{
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-72231b1f8b0d1c7e";
    private const string TopicArn = "arn:aws:sns:us-east-1:111122223333:idckmsguard-alerts";

    [Fact]
    public async Task SendAsync_When400ValidationException_ShouldNotRetryAndShouldReportTheServiceError()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(400, """{"__type":"com.amazonaws.sso#ValidationException","Message":"Key is not usable","Reason":"KMS_DisabledException"}""", "6f1c2a9e-req"),
            ScriptedResponse.Json(200, "{}"));

        var error = await Assert.ThrowsAsync<AwsCallException>(() => new SsoAdminClient(server.HttpClient(), "us-east-1")
            .UpdateInstanceAsync(new UpdateInstanceRequest(InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("Key is not usable [Reason: KMS_DisabledException]", error.ErrorMessage);
        Assert.Equal("6f1c2a9e-req", error.RequestId);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(("sso", "UpdateInstance", InstanceArn), (error.Service, error.Operation, error.Resource));
        Assert.Contains("(request id 6f1c2a9e-req)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenQueryProtocolXmlError_ShouldReadCodeMessageAndRequestIdFromTheBody()
    {
        // Compact, as moto writes it: each element directly follows the previous one.
        const string Body = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is not authorized to perform SNS:Publish</Message></Error><RequestId>body-req-1</RequestId></ErrorResponse>";
        using var server = new ScriptedAwsServer(ScriptedResponse.Xml(403, Body, "header-req-1"));

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            new SnsClient(server.HttpClient(), "us-east-1").PublishAsync(new SnsPublishRequest(TopicArn, "hello"), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal("AuthorizationError", error.ErrorCode);
        Assert.Equal("User is not authorized to perform SNS:Publish", error.ErrorMessage);
        Assert.Equal("body-req-1", error.RequestId);
        Assert.Equal(("sns", "Publish", 403), (error.Service, error.Operation, error.HttpStatus));
    }

    [Fact]
    public async Task SendAsync_WhenProxyAnswersHtml502_ShouldReportHttp502()
    {
        var proxyPage = ScriptedResponse.Html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        using var server = new ScriptedAwsServer(proxyPage, proxyPage);

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            new SsoAdminClient(server.HttpClient(ScriptedClients.Fast(maxAttempts: 2)), "us-east-1").ListInstancesAsync(CancellationToken.None));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("Http502", error.ErrorCode);
        Assert.Equal("HTTP 502 (after 2 attempts)", error.ErrorMessage);
        Assert.Equal(502, error.HttpStatus);
    }
}

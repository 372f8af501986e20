using Amazon.Runtime;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.Credentials;

public sealed class SdkCredentialSourceTests
{
    [Fact]
    public async Task GetAsync_WhenSessionCredentials_ShouldPassTheTokenThrough()
    {
        var source = new SdkCredentialSource(new SessionAWSCredentials("ASIAEXAMPLE", "secret", "token/with+base64=="));

        var credentials = await source.GetAsync(CancellationToken.None);

        Assert.Equal(("ASIAEXAMPLE", "secret", "token/with+base64=="), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
    }

    [Fact]
    public async Task GetAsync_WhenBasicCredentials_ShouldHaveNoToken()
    {
        var credentials = await new SdkCredentialSource(new BasicAWSCredentials("AKIDEXAMPLE", "secret")).GetAsync(CancellationToken.None);

        Assert.Null(credentials.SessionToken);
    }

    [Fact]
    public async Task SendAsync_WhenSessionCredentials_ShouldSendAndSignTheSecurityToken()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, """{"Instances":[]}"""));
        var source = new SdkCredentialSource(new SessionAWSCredentials("ASIAEXAMPLE", "secret", "lambda-session-token"));

        await new SsoAdminClient(server.HttpClient(credentials: source), "us-east-1").ListInstancesAsync(CancellationToken.None);

        var request = server.Requests.Single();
        Assert.Equal("lambda-session-token", request.Header("X-Amz-Security-Token"));
        Assert.Contains("Credential=ASIAEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Matches("SignedHeaders=[a-z0-9;-]*x-amz-security-token", request.Header("Authorization"));
    }
}

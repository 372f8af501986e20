using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>
/// What SsoAdminClient puts on the wire against what botocore's sso-admin 2020-07-20 model makes of the same input.
/// The installed model (botocore 1.43) has EncryptionConfiguration on UpdateInstance and ListRegions; were a member
/// missing, botocore_serialize.py would fail the test on botocore's own parameter validation.
/// </summary>
public sealed class SsoAdminWireFormatTests
{
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-72231b1f8b0d1c7e";
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    [Fact]
    public async Task ListInstances_WhenFirstPage_ShouldSendWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, """{"Instances":[]}"""));

        await new SsoAdminClient(server.HttpClient(), "us-east-1").ListInstancesAsync(CancellationToken.None);

        await AssertSameAsync(server, "ListInstances", []);
    }

    [Fact]
    public async Task DescribeInstance_WhenCalled_ShouldSendWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, $$"""{"InstanceArn":"{{InstanceArn}}"}"""));

        await new SsoAdminClient(server.HttpClient(), "us-east-1").DescribeInstanceAsync(InstanceArn, CancellationToken.None);

        await AssertSameAsync(server, "DescribeInstance", new JsonObject { ["InstanceArn"] = InstanceArn });
    }

    [Fact]
    public async Task UpdateInstance_WhenCustomerManagedKey_ShouldSendWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, "{}"));
        var request = new UpdateInstanceRequest(InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", KeyArn));

        await new SsoAdminClient(server.HttpClient(), "us-east-1").UpdateInstanceAsync(request, CancellationToken.None);

        await AssertSameAsync(server, "UpdateInstance", new JsonObject
        {
            ["InstanceArn"] = InstanceArn,
            ["EncryptionConfiguration"] = new JsonObject { ["KeyType"] = "CUSTOMER_MANAGED_KEY", ["KmsKeyArn"] = KeyArn },
        });
    }

    [Fact]
    public async Task UpdateInstance_WhenAwsOwnedKey_ShouldSendWhatBotocoreSendsWithoutKmsKeyArn()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, "{}"));
        var request = new UpdateInstanceRequest(InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY"));

        await new SsoAdminClient(server.HttpClient(), "us-east-1").UpdateInstanceAsync(request, CancellationToken.None);

        await AssertSameAsync(server, "UpdateInstance", new JsonObject
        {
            ["InstanceArn"] = InstanceArn,
            ["EncryptionConfiguration"] = new JsonObject { ["KeyType"] = "AWS_OWNED_KMS_KEY" },
        });
        Assert.DoesNotContain("KmsKeyArn", server.Requests.Single().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRegions_WhenFirstPage_ShouldSendWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, """{"Regions":[]}"""));

        await new SsoAdminClient(server.HttpClient(), "us-east-1").ListRegionsAsync(InstanceArn, CancellationToken.None);

        await AssertSameAsync(server, "ListRegions", new JsonObject { ["InstanceArn"] = InstanceArn });
    }

    private static async Task AssertSameAsync(ScriptedAwsServer server, string operation, JsonObject botocoreInput)
    {
        var expected = await Botocore.SerializeAsync("sso-admin", operation, botocoreInput);
        var actual = server.Requests.Single();

        WireAssert.SameEnvelope(expected, actual);
        WireAssert.SameJsonBody(expected, actual);
    }
}

using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.State;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.SsoAdmin;

/// <summary>A warm process reuses which instances exist for a while, and never what they are.</summary>
public sealed class InstanceListKeptTests
{
    private const string First = "arn:aws:sso:::instance/ssoins-1111111111111111";
    private const string Second = "arn:aws:sso:::instance/ssoins-2222222222222222";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task DescribeInstancesAsync_WhenCalledAgainWithinTheWindow_ShouldDescribeAfreshWithoutListing()
    {
        using var server = new ScriptedAwsServer(Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"), Described(First, "0000000b-1111-2222-3333-444444444444"));
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(server.HttpClient(), "us-east-1"), clock, Window);

        await identityCenter.DescribeInstancesAsync(CancellationToken.None);
        clock.Advance(Window - TimeSpan.FromSeconds(1));
        var again = await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        Assert.Equal(["ListInstances", "DescribeInstance", "DescribeInstance"], Operations(server));
        Assert.EndsWith("0000000b-1111-2222-3333-444444444444", Assert.Single(again).Encryption.KmsKeyArn!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstancesAsync_WhenTheWindowHasPassed_ShouldListAgain()
    {
        using var server = new ScriptedAwsServer(Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"), Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"));
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(server.HttpClient(), "us-east-1"), clock, Window);

        await identityCenter.DescribeInstancesAsync(CancellationToken.None);
        clock.Advance(Window);
        await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        Assert.Equal(["ListInstances", "DescribeInstance", "ListInstances", "DescribeInstance"], Operations(server));
    }

    [Fact]
    public async Task DescribeInstancesAsync_WhenTheKeptInstanceIsGone_ShouldListAgainAndDescribeTheNewOne()
    {
        using var server = new ScriptedAwsServer(
            Listed(First),
            Described(First, "0000000a-1111-2222-3333-444444444444"),
            ScriptedResponse.Json(400, $$"""{"__type":"ResourceNotFoundException","message":"Instance {{First}} does not exist."}"""),
            Listed(Second),
            Described(Second, "0000000c-1111-2222-3333-444444444444"));
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(server.HttpClient(), "us-east-1"), clock, Window);

        await identityCenter.DescribeInstancesAsync(CancellationToken.None);
        var again = await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        Assert.Equal(Second, Assert.Single(again).InstanceArn);
        Assert.Equal(["ListInstances", "DescribeInstance", "DescribeInstance", "ListInstances", "DescribeInstance"], Operations(server));
    }

    [Fact]
    public async Task DescribeInstancesAsync_WhenNoInstanceExists_ShouldListEveryTime()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"Instances":[]}"""), Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"));
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(server.HttpClient(), "us-east-1"), clock, Window);

        Assert.Empty(await identityCenter.DescribeInstancesAsync(CancellationToken.None));
        var created = await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        Assert.Equal(First, Assert.Single(created).InstanceArn);
    }

    [Fact]
    public async Task DescribeInstancesAsync_WhenNothingIsKept_ShouldListEveryTime()
    {
        using var server = new ScriptedAwsServer(Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"), Listed(First), Described(First, "0000000a-1111-2222-3333-444444444444"));
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(server.HttpClient(), "us-east-1"));

        await identityCenter.DescribeInstancesAsync(CancellationToken.None);
        await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        Assert.Equal(["ListInstances", "DescribeInstance", "ListInstances", "DescribeInstance"], Operations(server));
    }

    private static ScriptedResponse Listed(string arn) => ScriptedResponse.Json(200, $$"""{"Instances":[{"InstanceArn":"{{arn}}"}]}""");

    private static ScriptedResponse Described(string arn, string keyId) => ScriptedResponse.Json(
        200,
        $$"""
        {"InstanceArn":"{{arn}}","Status":"ACTIVE","EncryptionConfigurationDetails":{"KeyType":"CUSTOMER_MANAGED_KEY",
         "KmsKeyArn":"arn:aws:kms:us-east-1:111122223333:key/{{keyId}}","EncryptionStatus":"ENABLED"}
        }
        """);

    private static List<string> Operations(ScriptedAwsServer server) =>
        [.. server.Requests.Select(r => r.Header("X-Amz-Target")!.Split('.')[^1])];
}

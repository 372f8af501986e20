using System.Text.Json;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.SsoAdmin;

/// <summary>The stand-in never pages, so paging is checked against scripted answers.</summary>
public sealed class SsoAdminClientPagingTests
{
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-72231b1f8b0d1c7e";

    [Fact]
    public async Task ListInstancesAsync_WhenServiceReturnsTwoPages_ShouldFollowNextTokenAndJoinThem()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"Instances":[{"InstanceArn":"arn:aws:sso:::instance/ssoins-1"}],"NextToken":"page+2/=="}"""),
            ScriptedResponse.Json(200, """{"Instances":[{"InstanceArn":"arn:aws:sso:::instance/ssoins-2"}]}"""));

        var instances = await new SsoAdminClient(server.HttpClient(), "us-east-1").ListInstancesAsync(CancellationToken.None);

        Assert.Equal(["arn:aws:sso:::instance/ssoins-1", "arn:aws:sso:::instance/ssoins-2"], instances.Select(i => i.InstanceArn));
        Assert.Equal("{}", server.Requests[0].BodyText);
        Assert.Equal("page+2/==", JsonDocument.Parse(server.Requests[1].Body).RootElement.GetProperty("NextToken").GetString());
    }

    [Fact]
    public async Task ListRegionsAsync_WhenServiceReturnsTwoPages_ShouldAskForTheSameInstanceOnEachPage()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"Regions":[{"RegionName":"us-east-1","IsPrimaryRegion":true}],"NextToken":"t2"}"""),
            ScriptedResponse.Json(200, """{"Regions":[{"RegionName":"eu-west-1","Status":"ADDING","AddedDate":1767225600.5}],"NextToken":""}"""));

        var regions = await new SsoAdminClient(server.HttpClient(), "us-east-1").ListRegionsAsync(InstanceArn, CancellationToken.None);

        Assert.Equal(
            [new RegionMetadata("us-east-1", null, null, true), new RegionMetadata("eu-west-1", "ADDING", 1767225600.5, null)],
            regions);
        Assert.All(server.Requests, request => Assert.Equal(InstanceArn, JsonDocument.Parse(request.Body).RootElement.GetProperty("InstanceArn").GetString()));
        Assert.Equal(2, server.Requests.Count);
    }
}

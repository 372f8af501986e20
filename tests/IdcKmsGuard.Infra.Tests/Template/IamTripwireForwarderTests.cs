using System.Text.Json.Nodes;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// infra/forwarder/iam-tripwire.yaml: IAM's events reach EventBridge in us-east-1 only, so a guard elsewhere hears of
/// changes to its role through this one rule, which must take what the guard's Function tripwire takes from IAM.
/// </summary>
public sealed class IamTripwireForwarderTests
{
    private const string Account = "111122223333";
    private const string RoleName = "guard-prod-GuardFunctionRole-4D5E6F";
    private static readonly CloudFormationTemplate Forwarder = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "infra", "forwarder", "iam-tripwire.yaml"));

    private static readonly CfnResolver Names = new(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS::AccountId"] = Account,
            ["AWS::Partition"] = "aws",
            ["AWS::Region"] = "us-east-1",
            ["AWS::StackName"] = "guard-prod",
            ["GuardRegion"] = "eu-west-1",
            ["GuardRoleName"] = RoleName,
            ["GuardFunctionRole"] = RoleName,
            ["GuardFunction"] = "guard-prod-GuardFunction-7G8H9I",
        },
        new Dictionary<string, bool>());

    [Fact]
    public void GuardRoleChanges_ShouldTakeWhatTheGuardsFunctionTripwireTakesFromIam()
    {
        var guard = Names.Resolve(CloudFormationTemplate.Guard.Properties("TripwireFunctionRule").Map("EventPattern"))!.AsObject();
        var iamBranch = guard["$or"]!.AsArray().Single(branch => branch!["source"]![0]!.GetValue<string>() == "aws.iam")!.AsObject();
        var expected = new JsonObject { ["detail-type"] = guard["detail-type"]!.DeepClone(), ["account"] = guard["account"]!.DeepClone() };
        foreach (var (name, value) in iamBranch)
        {
            expected[name] = value!.DeepClone();
        }

        var forwarded = Names.Resolve(Forwarder.Properties("GuardRoleChanges").Map("EventPattern"));

        Assert.True(JsonNode.DeepEquals(expected, forwarded), $"expected {expected.ToJsonString()}, forwarded {forwarded!.ToJsonString()}");
        Assert.Equal(RoleName, forwarded!["detail"]!["requestParameters"]!["roleName"]![0]!.GetValue<string>());
    }

    [Fact]
    public void GuardRoleChanges_ShouldGoToTheGuardRegionsDefaultBusAndBeKeptWhenItCannot()
    {
        var target = (YamlMappingNode)Assert.Single(Forwarder.Properties("GuardRoleChanges").Sequence("Targets").Children);

        Assert.Equal("arn:aws:events:eu-west-1:111122223333:event-bus/default", Names.Resolve(target.Find("Arn")!)!.GetValue<string>());
        Assert.True(target.Find("RoleArn")!.Refers("ForwardRole"));
        Assert.True(target.Map("DeadLetterConfig").Find("Arn")!.Refers("ForwardDeadLetterQueue"));
        var alarm = Forwarder.Properties("ForwardDeadLettersAlarm");
        Assert.True(Assert.Single(alarm.Sequence("AlarmActions").Children).Refers("AlarmTopicArn"));
    }

    // Deployed anywhere but the partition's global-events Region, the rule would match nothing and reassure everyone.
    [Fact]
    public void Stack_ShouldRefuseRegionsWhereIamEventsDoNotArrive()
    {
        var assertion = (YamlMappingNode)Assert.Single(Forwarder.Root.Map("Rules").Map("GlobalEventsRegion").Sequence("Assertions").Children);
        var regions = ((YamlSequenceNode)assertion.Find("Assert")!).Children.Cast<YamlSequenceNode>().Select(equals => equals.Children[1].ToString());

        Assert.Equal(["cn-north-1", "us-east-1", "us-gov-west-1"], regions.Order(StringComparer.Ordinal));
    }
}

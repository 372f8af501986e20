using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The tripwires find the guard's rules and alarms by the stack name that starts their names, so every one of them
/// must be named so. What the tripwires catch is proven on the stand-in (infra/local/test_tripwires.py).
/// </summary>
public sealed class TemplateTripwireContractTests
{
    private const string StackPrefix = "${AWS::StackName}-";
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;

    [Fact]
    public void EveryRuleAndAlarm_ShouldBeNamedAfterTheStack()
    {
        var names = Template.ResourcesOfType("AWS::Events::Rule").Select(r => (Id: r.LogicalId, Name: r.Properties.ScalarOrNull("Name")))
            .Concat(Template.ResourcesOfType("AWS::CloudWatch::Alarm").Select(r => (Id: r.LogicalId, Name: r.Properties.ScalarOrNull("AlarmName"))))
            .Concat(Template.Properties(EventRule.GuardFunction).Map("Events").Children
                .Select(e => (Id: ((YamlScalarNode)e.Key).Value!, Event: (YamlMappingNode)e.Value))
                .Where(e => e.Event.Scalar("Type") is "EventBridgeRule" or "Schedule")
                .Select(e => (e.Id, Name: e.Event.Map("Properties").ScalarOrNull(e.Event.Scalar("Type") == "Schedule" ? "Name" : "RuleName"))))
            .ToList();

        Assert.True(names.Count >= 16, $"{names.Count} rules and alarms");
        Assert.All(names, n => Assert.True(n.Name?.StartsWith(StackPrefix, StringComparison.Ordinal) == true, $"{n.Id} is named {n.Name ?? "by CloudFormation"}."));
    }

    [Fact]
    public void EveryTripwire_ShouldWatchTheStacksRulesAndKeepWhatItCouldNotDeliver()
    {
        var tripwires = EventRule.Tripwires(Template);

        Assert.True(tripwires.Count >= 2, "One tripwire can be switched off in one quiet call.");
        Assert.All(tripwires, tripwire =>
        {
            var watchesRules = tripwire.Pattern.Sequence("$or").Children.Cast<YamlMappingNode>()
                .Any(part => part.Sequence("source").Strings().SequenceEqual(["aws.events"]) && part.Map("detail").Sequence("eventName").Strings().Contains("DisableRule"));
            Assert.True(watchesRules, $"{tripwire.Name} does not see the other tripwires switched off.");
            Assert.True(tripwire.Delivery.Map("DeadLetterConfig").Find("Arn")!.Refers("DeadLetterQueue"), $"{tripwire.Name} loses what it cannot deliver.");
        });
    }
}

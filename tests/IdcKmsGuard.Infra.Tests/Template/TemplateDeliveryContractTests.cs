using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// What the delivery guarantees rest on in the template: the guard knows how often Lambda and SQS deliver, its
/// ledger can find unfinished events, and a sweep that could not finish raises an alarm.
/// </summary>
public sealed class TemplateDeliveryContractTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly YamlMappingNode Function = Template.Properties(EventRule.GuardFunction);
    private static readonly YamlMappingNode Variables = Function.Map("Environment").Map("Variables");

    // The last delivery reports what it could not finish instead of asking for another: it must know it is the last.
    [Fact]
    public void DeliveryAttempts_ShouldBeLambdasRetriesPlusTheFirstAttempt()
    {
        var retries = int.Parse(Function.Map("EventInvokeConfig").Scalar("MaximumRetryAttempts"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((retries + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Variables.Scalar("DELIVERY_ATTEMPTS"));
    }

    [Fact]
    public void FollowUpAttempts_ShouldBeTheFollowUpQueuesReceiveLimit()
    {
        var redrive = Template.Properties("FollowUpQueue").Map("RedrivePolicy");

        Assert.Equal(redrive.Scalar("maxReceiveCount"), Variables.Scalar("FOLLOW_UP_ATTEMPTS"));
    }

    // A claim is leased until five seconds past the invocation's deadline; SQS must not hand a follow-up to a second
    // invocation while the first may still run (AWS's advice: six times the function's timeout).
    [Fact]
    public void FollowUpQueue_ShouldHideAMessageLongerThanSixInvocations()
    {
        var timeout = int.Parse(Function.Scalar("Timeout"), System.Globalization.CultureInfo.InvariantCulture);
        var visibility = int.Parse(Template.Properties("FollowUpQueue").Scalar("VisibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(visibility >= 6 * timeout, $"VisibilityTimeout {visibility} s is less than six times the function's timeout ({timeout} s).");
    }

    [Fact]
    public void StateTable_ShouldIndexUnfinishedEventsByScopeWithKeysOnly()
    {
        var table = Template.Properties("StateTable");
        var index = Assert.Single(table.Sequence("GlobalSecondaryIndexes").Children.Cast<YamlMappingNode>());

        Assert.Equal("unfinished", index.Scalar("IndexName"));
        Assert.Equal("outboxScope", ((YamlMappingNode)Assert.Single(index.Sequence("KeySchema").Children)).Scalar("AttributeName"));
        Assert.Equal("KEYS_ONLY", index.Map("Projection").Scalar("ProjectionType"));
        Assert.Contains(table.Sequence("AttributeDefinitions").Children.Cast<YamlMappingNode>(), d => d.Scalar("AttributeName") == "outboxScope" && d.Scalar("AttributeType") == "S");
    }

    [Fact]
    public void Role_ShouldScanOnlyTheUnfinishedIndexAndNeverQuery()
    {
        var statements = IamStatement.OfRole(Template, "GuardFunctionRole").Where(s => s.Actions.Any(a => a is "dynamodb:Query" or "dynamodb:Scan")).ToList();

        var statement = Assert.Single(statements);
        Assert.Equal(["dynamodb:Scan"], statement.Actions);
        var resource = Assert.IsType<YamlScalarNode>(statement.Resource);
        Assert.Equal(("!Sub", "${StateTable.Arn}/index/unfinished"), (resource.Intrinsic(), resource.Value));
    }

    [Fact]
    public void SweepChecksFailedAlarm_ShouldFireOnAnyScopeASweepCouldNotFinish()
    {
        var alarm = Template.Properties("SweepChecksFailedAlarm");

        Assert.Equal(("IdcKmsGuard", "SweepChecksFailed", "Sum"), (alarm.Scalar("Namespace"), alarm.Scalar("MetricName"), alarm.Scalar("Statistic")));
        Assert.Equal(("1", "GreaterThanOrEqualToThreshold", "notBreaching"), (alarm.Scalar("Threshold"), alarm.Scalar("ComparisonOperator"), alarm.Scalar("TreatMissingData")));
        Assert.True(Assert.Single(alarm.Sequence("AlarmActions").Children).Refers("AlertTopic"));
    }
}

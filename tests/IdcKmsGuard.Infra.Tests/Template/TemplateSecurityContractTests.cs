using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// What an attacker with ordinary permissions in the account cannot do to the guard: point it at another key, write
/// its memory, forge its follow-ups or its alerts. Each claim of the README's security model is read here from
/// template.yaml itself.
/// </summary>
public sealed class TemplateSecurityContractTests
{
    private const string Role = "GuardFunctionRole";
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly IReadOnlyList<IamStatement> Statements = IamStatement.OfRole(Template, Role);

    // Everything the role may do to a key that is not a read: only under the guarded tag.
    [Fact]
    public void KeyChangingActions_ShouldBeGrantedOnlyOnKeysMarkedGuarded()
    {
        var changing = Statements.Where(s => s.Actions.Any(IamStatement.IsKmsWrite) && !s.IsAlertTopicKeyUse).ToList();

        Assert.NotEmpty(changing);
        Assert.All(changing, s =>
        {
            var tag = s.ConditionBlock("StringEquals")?.Find($"aws:ResourceTag/{GuardedKeyTag.Key}");
            Assert.True(tag?.ToString() == GuardedKeyTag.Value, $"{s.Sid} grants {string.Join(", ", s.Actions)} without aws:ResourceTag/{GuardedKeyTag.Key} = {GuardedKeyTag.Value}.");
            Assert.True(s.Node.Find("Condition") is YamlMappingNode conditions && !conditions.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value!.Contains("IfExists", StringComparison.Ordinal)), $"{s.Sid}: an IfExists condition would let an untagged key through.");
        });
    }

    [Fact]
    public void PutKeyPolicy_ShouldRequireTheLockoutSafetyCheck()
    {
        var granting = Statements.Where(s => s.Actions.Any(a => string.Equals(a, "kms:PutKeyPolicy", StringComparison.OrdinalIgnoreCase))).ToList();

        var statement = Assert.Single(granting);
        Assert.Equal(["kms:PutKeyPolicy"], statement.Actions);
        Assert.Equal("false", statement.ConditionBlock("Bool")?.Find("kms:BypassPolicyLockoutSafetyCheck")?.ToString());
    }

    [Fact]
    public void StateTable_ShouldLetOnlyTheGuardWriteAndOnlyTheGuardOrItsOperatorRead()
    {
        var policy = IamStatement.Of(Template.Properties("StateTable").Map("ResourcePolicy").Map("PolicyDocument"));

        var writes = DenyToAllBut(policy, "dynamodb:PutItem");
        foreach (var action in new[] { "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete" })
        {
            Assert.Contains(action, writes.Actions);
        }

        Assert.Equal(["GuardFunctionRole.Arn"], ExceptedPrincipals(writes));

        var reads = DenyToAllBut(policy, "dynamodb:GetItem");
        foreach (var action in new[] { "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:PartiQLSelect", "dynamodb:ExportTableToPointInTime" })
        {
            Assert.Contains(action, reads.Actions);
        }

        Assert.Equal(["GuardFunctionRole.Arn", "OperatorRoleArn (if HasOperatorRole)"], ExceptedPrincipals(reads));
    }

    [Fact]
    public void FollowUpQueue_ShouldTakeMessagesOnlyFromTheGuard()
    {
        var (_, properties) = Assert.Single(Template.ResourcesOfType("AWS::SQS::QueuePolicy"), p => p.Properties.Sequence("Queues").Children.Any(q => q.Refers("FollowUpQueue")));
        var policy = IamStatement.Of(properties.Map("PolicyDocument"));

        var deny = DenyToAllBut(policy, "sqs:SendMessage");
        Assert.Contains("sqs:ReceiveMessage", deny.Actions);
        Assert.Contains("sqs:DeleteMessage", deny.Actions);
        Assert.Equal(["GuardFunctionRole.Arn"], ExceptedPrincipals(deny));
    }

    // A queued refusal makes the guard review the key and alert: only the guard's burst rule may send one (a Deny for
    // every other source), only the guard may take one.
    [Fact]
    public void KeyUseFailureQueue_ShouldTakeMessagesOnlyFromTheBurstRuleAndGiveThemOnlyToTheGuard()
    {
        var (_, properties) = Assert.Single(Template.ResourcesOfType("AWS::SQS::QueuePolicy"), p => p.Properties.Sequence("Queues").Children.Any(q => q.Refers("KeyUseFailureQueue")));
        var policy = IamStatement.Of(properties.Map("PolicyDocument"));

        var allow = Assert.Single(policy, s => s.Effect == "Allow");
        Assert.Equal("KeyUseFailureRule.Arn", allow.ConditionBlock("ArnEquals")?.Find("aws:SourceArn")?.ToString());
        var sendDeny = DenyToAllBut(policy, "sqs:SendMessage");
        Assert.Equal("KeyUseFailureRule.Arn", sendDeny.ConditionBlock("ArnNotEquals")?.Find("aws:SourceArn")?.ToString());
        var takeDeny = DenyToAllBut(policy, "sqs:ReceiveMessage");
        Assert.Contains("sqs:DeleteMessage", takeDeny.Actions);
        Assert.Equal(["GuardFunctionRole.Arn"], ExceptedPrincipals(takeDeny));
    }

    // A rule of anybody else's making must not be able to park messages in the guard's dead-letter queue.
    [Fact]
    public void DeadLetterQueue_ShouldAcceptEventBridgeDeliveriesOnlyFromTheGuardsOwnRules()
    {
        var (_, properties) = Assert.Single(Template.ResourcesOfType("AWS::SQS::QueuePolicy"), p => p.Properties.Sequence("Queues").Children.Any(q => q.Refers("DeadLetterQueue")));
        var statement = Assert.Single(IamStatement.Of(properties.Map("PolicyDocument")), s => s.Effect == "Allow");

        var sources = statement.ConditionBlock("ArnEquals")?.Find("aws:SourceArn")?.Strings() ?? [];
        var rules = Template.Properties("GuardFunction").Map("Events").Children
            .Where(e => ((YamlMappingNode)e.Value).Scalar("Type") is "EventBridgeRule" or "Schedule")
            .Select(e => $"GuardFunction{e.Key}.Arn")
            .Concat(Template.ResourcesOfType("AWS::Events::Rule").Select(r => $"{r.LogicalId}.Arn"));
        Assert.Equal(rules.Order(StringComparer.Ordinal), sources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AlertTopic_ShouldTakePublishesOnlyFromTheGuardAndThisStacksAlarmsAndTripwires()
    {
        var (_, properties) = Assert.Single(Template.ResourcesOfType("AWS::SNS::TopicPolicy"));
        Assert.True(Assert.Single(properties.Sequence("Topics").Children).Refers("AlertTopic"));
        var policy = IamStatement.Of(properties.Map("PolicyDocument"));

        var deny = Assert.Single(policy, s => s.Effect == "Deny" && s.Node.Find("Condition") is YamlMappingNode c && c.Find("StringNotEqualsIfExists") is not null);
        Assert.Equal(["sns:Publish"], deny.Actions);
        var exceptions = deny.ConditionBlock("StringNotEqualsIfExists")!;
        Assert.Equal("GuardFunctionRole.Arn", exceptions.Find("aws:PrincipalArn")!.ToString());
        Assert.Equal(["cloudwatch.amazonaws.com", "events.amazonaws.com"], exceptions.Find("aws:PrincipalServiceName")!.Strings().Order(StringComparer.Ordinal));

        var alarms = Assert.Single(policy, s => s.Effect == "Allow" && s.Node.Map("Principal").Find("Service")?.ToString() == "cloudwatch.amazonaws.com");
        Assert.Equal("AWS::AccountId", alarms.ConditionBlock("StringEquals")!.Find("aws:SourceAccount")!.ToString());
        Assert.EndsWith(":alarm:${AWS::StackName}-*", alarms.ConditionBlock("ArnLike")!.Find("aws:SourceArn")!.ToString(), StringComparison.Ordinal);

        // EventBridge may publish for this stack's tripwires only: their names, and no other rule's, match the condition.
        var tripwires = Assert.Single(policy, s => s.Effect == "Allow" && s.Node.Map("Principal").Find("Service")?.ToString() == "events.amazonaws.com");
        Assert.Equal(["sns:Publish"], tripwires.Actions);
        var sourceArn = tripwires.ConditionBlock("ArnLike")!.Find("aws:SourceArn")!.ToString();
        Assert.EndsWith(":rule/${AWS::StackName}-Tripwire-*", sourceArn, StringComparison.Ordinal);
        Assert.All(EventRule.Tripwires(Template), rule => Assert.StartsWith("${AWS::StackName}-Tripwire-", Template.Properties(rule.Name).Scalar("Name"), StringComparison.Ordinal));
        Assert.All(EventRule.OfGuard(), rule => Assert.DoesNotContain("Tripwire", rule.Name, StringComparison.Ordinal));
    }

    // Disabling the alert topic's key silences every alert and alarm at once: with AlertPathAdministrators given, only
    // they may disable, delete, grant or rewrite it; empty, the statement is absent (no one is locked out by default).
    [Fact]
    public void AlertTopicKey_ShouldLetOnlyTheNamedAdministratorsSilenceIt()
    {
        var policy = IamStatement.Of(Template.Properties("AlertTopicKey").Map("KeyPolicy"));

        var deny = Assert.Single(policy, s => s.Effect == "Deny");
        Assert.Equal("HasAlertPathAdministrators", deny.Condition);
        Assert.Equal(["kms:CreateGrant", "kms:DisableKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], deny.Actions.Order(StringComparer.Ordinal));
        Assert.Equal("*", deny.Node.Scalar("Principal"));
        Assert.True(deny.ConditionBlock("ArnNotLike")!.Find("aws:PrincipalArn")!.Refers("AlertPathAdministrators"));
        Assert.Equal("CommaDelimitedList", Template.Parameter("AlertPathAdministrators").Scalar("Type"));
        Assert.Equal(string.Empty, Template.Parameter("AlertPathAdministrators").Scalar("Default"));
    }

    // An alarm nobody receives is no alarm: every alarm of the template notifies the topic.
    [Fact]
    public void Alarms_ShouldAllNotifyTheAlertTopic()
    {
        var alarms = Template.ResourcesOfType("AWS::CloudWatch::Alarm");

        Assert.Contains(alarms, a => a.Properties.ScalarOrNull("MetricName") == "Throttles");
        Assert.Contains(alarms, a => a.Properties.ScalarOrNull("MetricName") == "ApproximateAgeOfOldestMessage");
        Assert.Contains(alarms, a => a.Properties.ScalarOrNull("MetricName") == Core.Metrics.EmbeddedMetrics.AlertPathBroken);
        Assert.All(alarms, a => Assert.True(a.Properties.Sequence("AlarmActions").Children.Any(action => action.Refers("AlertTopic")), $"{a.LogicalId} notifies nobody."));
    }

    internal static IamStatement DenyToAllBut(IReadOnlyList<IamStatement> policy, string action)
    {
        var deny = Assert.Single(policy, s => s.Effect == "Deny" && s.Actions.Contains(action));
        Assert.Equal("*", deny.Node.Find("Principal")!.ToString());
        return deny;
    }

    // The principals a Deny spares: StringNotEquals aws:PrincipalArn, as "LogicalId.Attribute" or a parameter name.
    internal static IReadOnlyList<string> ExceptedPrincipals(IamStatement deny)
    {
        var arns = deny.ConditionBlock("StringNotEquals")?.Find("aws:PrincipalArn") ?? throw new InvalidOperationException($"{deny.Sid} spares nobody by aws:PrincipalArn.");
        return arns is YamlSequenceNode list ? [.. list.Children.Select(Describe)] : [Describe(arns)];
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode { Tag.Value: "!If" } branches => $"{Describe(branches.Children[1])} (if {branches.Children[0]})",
        _ => node.ToString(),
    };
}

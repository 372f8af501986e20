using IdcKmsGuard.Infra.Tests.Support.Templates;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The alert path and the dead-letter queue as an insider with ordinary permissions meets them: what the resource
/// policies stop, and what the guard's role may do to keep the path open.
/// </summary>
public sealed class TemplateAlertPathContractTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly IReadOnlyList<IamStatement> RoleStatements = IamStatement.OfRole(Template, "GuardFunctionRole");

    // A forged event parked for an operator to replay, or the evidence of a failure purged: people other than the
    // guard's role may not send, and with OperatorRoleArn given only that role may take or purge.
    [Fact]
    public void DeadLetterQueue_ShouldTakeMessagesFromTheGuardAndItsRulesOnlyAndGiveThemToTheOperatorOnly()
    {
        var policy = DeadLetterQueuePolicy();

        var sendDeny = TemplateSecurityContractTests.DenyToAllBut(policy, "sqs:SendMessage");
        Assert.Equal(["GuardFunctionRole.Arn"], TemplateSecurityContractTests.ExceptedPrincipals(sendDeny));
        Assert.Equal("false", sendDeny.ConditionBlock("Bool")?.Find("aws:PrincipalIsAWSService")?.ToString());
        Assert.Null(sendDeny.Condition);

        var takeDeny = TemplateSecurityContractTests.DenyToAllBut(policy, "sqs:ReceiveMessage");
        Assert.Equal(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:PurgeQueue", "sqs:ReceiveMessage"], takeDeny.Actions.Order(StringComparer.Ordinal));
        Assert.Equal(["OperatorRoleArn"], TemplateSecurityContractTests.ExceptedPrincipals(takeDeny));
        Assert.Equal("HasOperatorRole", takeDeny.Condition);
    }

    [Fact]
    public void AlertTopic_ShouldLetOnlyTheNamedAdministratorsSubscribe()
    {
        var (_, properties) = Assert.Single(Template.ResourcesOfType("AWS::SNS::TopicPolicy"));
        var policy = IamStatement.Of(properties.Map("PolicyDocument"));

        var deny = Assert.Single(policy, s => s.Effect == "Deny" && s.Actions.Contains("sns:Subscribe"));
        Assert.Equal(["sns:Subscribe"], deny.Actions);
        Assert.Equal("HasAlertPathAdministrators", deny.Condition);
        Assert.Equal("*", deny.Node.Scalar("Principal"));
        Assert.True(deny.ConditionBlock("ArnNotLike")!.Find("aws:PrincipalArn")!.Refers("AlertPathAdministrators"));
    }

    // Publishing to a topic encrypted with a customer managed key needs GenerateDataKey and Decrypt on that key. The
    // sweep reads the topic (its key, its confirmed subscriptions) and may make the topic's key usable again
    // (GUARD-ALERT-PATH's remediation); the role may do nothing else to that key.
    [Fact]
    public void Role_ShouldReadTheTopicAndOnlyUseOrRestoreTheTopicsKey()
    {
        var read = Assert.Single(RoleStatements, s => s.Actions.Contains("sns:GetTopicAttributes"));
        Assert.Equal(["sns:GetTopicAttributes"], read.Actions);
        Assert.True(read.Resource!.Refers("AlertTopic"));

        var onTopicKey = RoleStatements.Where(s => s.IsAlertTopicKeyUse).ToList();
        var use = Assert.Single(onTopicKey, s => s.Condition is null);
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey"], use.Actions.Order(StringComparer.Ordinal));
        var restore = Assert.Single(onTopicKey, s => s.Condition is not null);
        Assert.Equal("Remediates", restore.Condition);
        Assert.Equal(["kms:CancelKeyDeletion", "kms:EnableKey"], restore.Actions.Order(StringComparer.Ordinal));
        Assert.Equal(2, onTopicKey.Count);
    }

    private static IReadOnlyList<IamStatement> DeadLetterQueuePolicy()
    {
        var (_, properties) = Assert.Single(
            Template.ResourcesOfType("AWS::SQS::QueuePolicy"),
            p => p.Properties.Sequence("Queues").Children.Any(q => q.Refers("DeadLetterQueue")));
        return IamStatement.Of(properties.Map("PolicyDocument"));
    }

    // When the alert path breaks, its own alarm may be lost with it: it also goes to the tamper-notice topic, if any.
    [Fact]
    public void AlertPathBrokenAlarm_ShouldAlsoNotifyTheTamperNoticeTopic()
    {
        var actions = Template.Properties("AlertPathBrokenAlarm").Sequence("AlarmActions").Children;

        Assert.Equal(2, actions.Count);
        Assert.True(actions[0].Refers("AlertTopic"));
        var second = Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(actions[1]);
        Assert.Equal(("!If", "HasTamperNoticeTopic"), (second.Intrinsic(), second.Children[0].ToString()));
        Assert.True(second.Children[1].Refers("TamperNoticeTopicArn"));
    }
}

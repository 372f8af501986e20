using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>The rules in template.yaml and the classifier in Core name the same events: neither can drift alone.</summary>
public sealed class TemplateTriggerContractTests
{
    private static readonly IReadOnlyDictionary<string, EventRule> Rules =
        EventRule.OfGuard().ToDictionary(rule => rule.Name, StringComparer.Ordinal);

    [Fact]
    public void KmsApiCalls_ShouldMatchExactlyTheKmsCallsTheClassifierKnows()
    {
        var rule = Rules["KmsApiCalls"];

        Assert.Equal(TriggerClassifier.KmsEventNames.Order(StringComparer.Ordinal), rule.PatternValues("detail", "eventName").Order(StringComparer.Ordinal));
        Assert.Equal([TriggerClassifier.KmsEventSource], rule.PatternValues("detail", "eventSource"));
        Assert.Equal(["aws.kms"], rule.PatternValues("source"));
        Assert.Equal(
            ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
            rule.PatternValues("detail-type").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdentityCenterApiCalls_ShouldMatchExactlyTheIdentityCenterCallsTheClassifierKnows()
    {
        var rule = Rules["IdentityCenterApiCalls"];

        Assert.Equal(TriggerClassifier.IdentityCenterEventNames.Order(StringComparer.Ordinal), rule.PatternValues("detail", "eventName").Order(StringComparer.Ordinal));
        Assert.Equal([TriggerClassifier.IdentityCenterEventSource], rule.PatternValues("detail", "eventSource"));
        Assert.Equal(["aws.sso"], rule.PatternValues("source"));
    }

    [Fact]
    public void KmsServiceEvents_ShouldMatchExactlyTheNativeKmsEventsTheClassifierKnows()
    {
        var rule = Rules["KmsServiceEvents"];

        Assert.Equal(TriggerClassifier.NativeKmsDetailTypes.Order(StringComparer.Ordinal), rule.PatternValues("detail-type").Order(StringComparer.Ordinal));
        Assert.Equal(["aws.kms"], rule.PatternValues("source"));
    }

    [Fact]
    public void GuardFunction_ShouldHaveOnlyItsPatternRulesTheBurstRuleTheQueuesAndTheSweep()
    {
        var events = CloudFormationTemplate.Guard.Properties(EventRule.GuardFunction).Map("Events");

        Assert.Equal(["IdentityCenterApiCalls", "KeyUseFailureRule", "KmsApiCalls", "KmsServiceEvents"], Rules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["FollowUps", "IdentityCenterApiCalls", "KeyUseFailureBatches", "KmsApiCalls", "KmsServiceEvents", "Sweep"],
            events.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal));
    }

    // Read-only calls (Decrypt, DescribeKey) reach a rule only in this State (EventBridge user guide, "Receiving
    // read-only management events from AWS services"); the pattern names exactly what the classifier calls a refusal.
    [Fact]
    public void KeyUseFailureRule_ShouldTakeReadOnlyCallsAndMatchExactlyTheRefusalsTheClassifierKnows()
    {
        var rule = Rules["KeyUseFailureRule"];

        Assert.Equal("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", rule.State);
        Assert.Equal(TriggerClassifier.KeyUseEventNames.Order(StringComparer.Ordinal), rule.PatternValues("detail", "eventName").Order(StringComparer.Ordinal));
        Assert.Equal(
            TriggerClassifier.IdentityCenterServiceNames.Order(StringComparer.Ordinal),
            rule.PatternValues("detail", "userIdentity", "invokedBy").Order(StringComparer.Ordinal));
        Assert.Equal([TriggerClassifier.KmsEventSource], rule.PatternValues("detail", "eventSource"));
        Assert.Equal(["AWS API Call via CloudTrail"], rule.PatternValues("detail-type"));
        Assert.Equal("{\"exists\":true}", YamlJson.ToJson(rule.Pattern.Map("detail").Sequence("errorCode").Children[0]));
        Assert.True(rule.Delivery.Find("Arn") is { } target && target.ToString() == "KeyUseFailureQueue.Arn", "Refusals go to the burst queue.");
    }

    // Bursts come in batches with partial failures; a refusal that keeps failing is kept, not dropped.
    [Fact]
    public void KeyUseFailures_ShouldArriveInBatchesFromTheBurstQueueWithADeadLetterQueue()
    {
        var template = CloudFormationTemplate.Guard;
        var function = template.Properties(EventRule.GuardFunction);
        var source = function.Map("Events").Map("KeyUseFailureBatches");

        Assert.Equal("SQS", source.Scalar("Type"));
        Assert.True(source.Map("Properties").Find("Queue") is { } queue && queue.ToString() == "KeyUseFailureQueue.Arn");
        Assert.Equal(["ReportBatchItemFailures"], source.Map("Properties").Sequence("FunctionResponseTypes").Strings());
        Assert.True(int.Parse(source.Map("Properties").Scalar("BatchSize"), System.Globalization.CultureInfo.InvariantCulture) >= 100);
        var queueProperties = template.Properties("KeyUseFailureQueue");
        Assert.True(queueProperties.Map("RedrivePolicy").Find("deadLetterTargetArn") is { } dlq && dlq.ToString() == "DeadLetterQueue.Arn");
        var visibility = int.Parse(queueProperties.Scalar("VisibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture);
        var timeout = int.Parse(function.Scalar("Timeout"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(visibility >= 6 * timeout, $"VisibilityTimeout {visibility} s is less than 6 x the function's timeout ({timeout} s).");
    }

    // Follow-ups come back through the guard's own queue; one that keeps failing must be kept, not dropped, and
    // must not become visible again while an invocation still works on it (AWS: at least 6 x the timeout).
    [Fact]
    public void FollowUps_ShouldArriveFromTheFollowUpQueueWithPartialBatchFailuresAndADeadLetterQueue()
    {
        var template = CloudFormationTemplate.Guard;
        var function = template.Properties(EventRule.GuardFunction);
        var source = function.Map("Events").Map("FollowUps");

        Assert.Equal("SQS", source.Scalar("Type"));
        Assert.True(source.Map("Properties").Find("Queue") is { } queue && queue.Intrinsic() == "!GetAtt" && queue.ToString() == "FollowUpQueue.Arn");
        Assert.Equal(["ReportBatchItemFailures"], source.Map("Properties").Sequence("FunctionResponseTypes").Strings());
        var queueProperties = template.Properties("FollowUpQueue");
        Assert.True(queueProperties.Map("RedrivePolicy").Find("deadLetterTargetArn") is { } dlq && dlq.ToString() == "DeadLetterQueue.Arn");
        var visibility = int.Parse(queueProperties.Scalar("VisibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture);
        var timeout = int.Parse(function.Scalar("Timeout"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(visibility >= 6 * timeout, $"VisibilityTimeout {visibility} s is less than 6 x the function's timeout ({timeout} s).");
    }

    // A rule that cannot reach the function must keep the event; a lost event is a missed alert.
    [Fact]
    public void EveryRule_ShouldHaveARetryPolicyAndADeadLetterQueue()
    {
        var template = CloudFormationTemplate.Guard;
        foreach (var rule in Rules.Values)
        {
            var retry = rule.Delivery.Find("RetryPolicy") as YamlMappingNode;
            Assert.True(retry is not null, $"{rule.Name} has no RetryPolicy.");
            Assert.True(int.Parse(retry.Scalar("MaximumRetryAttempts"), System.Globalization.CultureInfo.InvariantCulture) > 0, $"{rule.Name} does not retry.");

            var deadLetterArn = (rule.Delivery.Find("DeadLetterConfig") as YamlMappingNode)?.Find("Arn");
            Assert.True(deadLetterArn is { } && deadLetterArn.Intrinsic() == "!GetAtt", $"{rule.Name} has no DeadLetterConfig with Arn: !GetAtt <queue>.Arn.");
            var queueId = ((YamlScalarNode)deadLetterArn).Value!.Split('.')[0];
            Assert.Equal("AWS::SQS::Queue", template.TypeOf(queueId));
        }
    }
}

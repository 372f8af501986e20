using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>Someone hears about it when the guard fails: alarms, the dead-letter queue, the encrypted alert topic, deployment settings.</summary>
public sealed class TemplateOperationsContractTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly IReadOnlyList<(string LogicalId, YamlMappingNode Properties)> Alarms = Template.ResourcesOfType("AWS::CloudWatch::Alarm");

    [Fact]
    public void AlertTopics_ShouldBeEncrypted()
    {
        var topics = Template.ResourcesOfType("AWS::SNS::Topic");

        Assert.NotEmpty(topics);
        Assert.All(topics, topic => Assert.True(topic.Properties.Find("KmsMasterKeyId") is not null, $"{topic.LogicalId} has no KmsMasterKeyId."));
    }

    [Fact]
    public void Alarms_ShouldWatchTheFunctionErrors()
    {
        Assert.Contains(Alarms, alarm =>
            alarm.Properties.ScalarOrNull("Namespace") == "AWS/Lambda"
            && alarm.Properties.ScalarOrNull("MetricName") == "Errors"
            && HasDimension(alarm.Properties, "FunctionName", EventRule.GuardFunction)
            && NotifiesAlertTopic(alarm.Properties));
    }

    [Fact]
    public void Alarms_ShouldWatchTheDeadLetterQueue()
    {
        Assert.Contains(Alarms, alarm =>
            alarm.Properties.ScalarOrNull("Namespace") == "AWS/SQS"
            && alarm.Properties.ScalarOrNull("MetricName") is "ApproximateNumberOfMessagesVisible" or "ApproximateAgeOfOldestMessage"
            && HasDimension(alarm.Properties, "QueueName", "DeadLetterQueue")
            && NotifiesAlertTopic(alarm.Properties));
        Assert.True(Template.Properties(EventRule.GuardFunction).Map("DeadLetterQueue").Find("TargetArn") is { } target && target.Refers("DeadLetterQueue"), "The function's own failed invocations must reach the watched queue.");
    }

    // Every queue the guard takes work from is watched: work that waits is an alert that does not go out.
    [Theory]
    [InlineData("FollowUpQueue")]
    [InlineData("KeyUseFailureQueue")]
    public void Alarms_ShouldWatchEveryQueueTheGuardTakesWorkFrom(string queue)
    {
        Assert.Contains(Alarms, alarm =>
            alarm.Properties.ScalarOrNull("Namespace") == "AWS/SQS"
            && alarm.Properties.ScalarOrNull("MetricName") == "ApproximateAgeOfOldestMessage"
            && HasDimension(alarm.Properties, "QueueName", queue)
            && NotifiesAlertTopic(alarm.Properties));
    }

    // CloudWatch publishes alarm notifications itself. It can only do so to an encrypted topic whose key policy lets
    // cloudwatch.amazonaws.com use the key; the AWS managed key alias/aws/sns has a fixed policy that does not
    // (SNS Developer Guide, "Enable compatibility between event sources from AWS services and encrypted topics").
    // With alias/aws/sns the two alarms above fire but nobody hears.
    [Fact]
    public void AlarmTopic_ShouldBeEncryptedWithAKeyCloudWatchCanUse()
    {
        var key = Template.Properties("AlertTopic").Find("KmsMasterKeyId");

        Assert.True(key is not null, "AlertTopic has no KmsMasterKeyId.");
        var keyId = key.Intrinsic() is "!Ref" or "!GetAtt" ? ((YamlScalarNode)key).Value!.Split('.')[0] : null;
        Assert.True(
            keyId is not null && Template.TypeOf(keyId) == "AWS::KMS::Key",
            $"AlertTopic is encrypted with '{(key as YamlScalarNode)?.Value}', not a customer managed AWS::KMS::Key of this template: CloudWatch alarm notifications cannot be published to it.");
        var grantsCloudWatch = Template.Properties(keyId).Map("KeyPolicy").Sequence("Statement").Children.OfType<YamlMappingNode>().Any(statement =>
            statement.ScalarOrNull("Effect") == "Allow"
            && (statement.Find("Principal") as YamlMappingNode)?.Find("Service")?.Strings().Contains("cloudwatch.amazonaws.com") == true
            && statement.Find("Action")?.Strings() is { } actions
            && actions.Contains("kms:Decrypt") && actions.Any(a => a.StartsWith("kms:GenerateDataKey", StringComparison.Ordinal)));
        Assert.True(grantsCloudWatch, $"The policy of {keyId} does not let cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*.");
    }

    [Fact]
    public void SamConfig_ShouldDeployWithCapabilityIam()
    {
        var path = Path.Combine(RepoPaths.Root, "samconfig.toml");
        Assert.True(File.Exists(path), "samconfig.toml is missing at the repository root.");

        var capabilities = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.StartsWith("capabilities", StringComparison.Ordinal)).ToList();
        Assert.Contains(capabilities, line => line.Contains("\"CAPABILITY_IAM\"", StringComparison.Ordinal));

        // CAPABILITY_IAM only covers IAM resources with generated names.
        Assert.All(Template.ResourcesOfType("AWS::IAM::Role"), role => Assert.Null(role.Properties.Find("RoleName")));
    }

    private static bool HasDimension(YamlMappingNode alarm, string name, string logicalId) =>
        alarm.Find("Dimensions") is YamlSequenceNode dimensions
        && dimensions.Children.OfType<YamlMappingNode>().Any(d => d.ScalarOrNull("Name") == name && d.Find("Value") is { } value && value.Refers(logicalId));

    private static bool NotifiesAlertTopic(YamlMappingNode alarm) =>
        alarm.Find("AlarmActions") is YamlSequenceNode actions && actions.Children.Any(action => action.Refers("AlertTopic"));
}

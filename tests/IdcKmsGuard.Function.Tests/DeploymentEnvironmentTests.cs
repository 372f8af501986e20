using IdcKmsGuard.Lambda.Runtime;

namespace IdcKmsGuard.Function.Tests;

public sealed class DeploymentEnvironmentTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:111122223333:idckmsguard-alerts";

    [Fact]
    public void Read_WhenEverythingIsSet_ShouldReadIt()
    {
        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("REMEDIATION_MODE", "remediate"), ("GUARD_ROLE_ARN", "arn:aws:iam::111122223333:role/guard")));

        Assert.Equal(("us-east-1", Topic, true, "arn:aws:iam::111122223333:role/guard"), (deployment.Region, deployment.AlertTopicArn, deployment.Options.RemediationEnabled, deployment.Options.GuardRoleArn));
    }

    [Fact]
    public void Read_WhenOrganizationAndDelegatedAdminsAreSet_ShouldReadThem()
    {
        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("ORGANIZATION_ID", "o-a1b2c3d4e5"), ("DELEGATED_ADMIN_ACCOUNTS", "444455556666, 555566667777")));

        Assert.Equal("o-a1b2c3d4e5", deployment.Options.OrgId);
        Assert.Equal(["444455556666", "555566667777"], deployment.Options.DelegatedAdminAccounts);
    }

    [Fact]
    public void Read_WhenModeIsUnset_ShouldOnlyAlert()
    {
        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic)));

        Assert.False(deployment.Options.RemediationEnabled);
        Assert.False(deployment.Options.MaySwitchEncryption);
        Assert.Null(deployment.Options.GuardRoleArn);
    }

    [Fact]
    public void Read_ShouldKnowHowOftenLambdaAndSqsDeliver()
    {
        var standard = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic)));
        var set = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("DELIVERY_ATTEMPTS", "1"), ("FOLLOW_UP_ATTEMPTS", "7")));

        Assert.Equal((3, 5), (standard.Options.DeliveryAttempts, standard.Options.FollowUpAttempts));
        Assert.Equal((1, 7), (set.Options.DeliveryAttempts, set.Options.FollowUpAttempts));
    }

    [Fact]
    public void Read_ShouldLinkRunbooksWhereTheStackSaysAndRefuseAnythingButHttps()
    {
        var standard = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("RUNBOOK_BASE_URL", "")));
        var set = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("RUNBOOK_BASE_URL", "https://wiki.example.com/idc")));

        Assert.Equal("infra/docs/runbooks/KEY-ENABLED.md", standard.Options.AlertFormat.Runbooks.For("KEY-ENABLED"));
        Assert.Equal("https://wiki.example.com/idc/KEY-ENABLED.md", set.Options.AlertFormat.Runbooks.For("KEY-ENABLED"));
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("RUNBOOK_BASE_URL", "http://wiki.example.com/"))));
        Assert.Contains("RUNBOOK_BASE_URL must be an https URL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShouldKnowTheLongestSuspension()
    {
        var standard = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic)));
        var set = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("MAX_SUSPENSION_DAYS", "2")));

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(2)), (standard.Options.MaxSuspension, set.Options.MaxSuspension));
    }

    [Fact]
    public void Read_ShouldKnowTheKeysTheGuardMaySwitchTo()
    {
        const string First = "arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666";
        const string Second = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

        var unset = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic)));
        var none = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("SWITCH_TARGET_KEYS", "")));
        var two = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("SWITCH_TARGET_KEYS", $"{First}, {Second}")));
        var error = Assert.Throws<InvalidOperationException>(
            () => DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("SWITCH_TARGET_KEYS", $"{First},alias/mine"))));

        Assert.Empty(unset.Options.SwitchTargets!);
        Assert.Empty(none.Options.SwitchTargets!);
        Assert.Equal([First, Second], two.Options.SwitchTargets!.Select(k => k.ToString()));
        Assert.Equal("SWITCH_TARGET_KEYS must list KMS key ARNs separated by commas; 'alias/mine' is not one.", error.Message);
    }

    [Fact]
    public void Read_ShouldKnowTheAlertTopicsKeyForTheSweepToCheck()
    {
        const string TopicKey = "arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666";

        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("ALERT_TOPIC_KEY_ARN", TopicKey)));
        var error = Assert.Throws<InvalidOperationException>(() => DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("ALERT_TOPIC_KEY_ARN", "alias/sns"))));

        Assert.Equal(TopicKey, deployment.Options.AlertTopicKeyArn?.ToString());
        Assert.Equal("ALERT_TOPIC_KEY_ARN must be a KMS key ARN, not 'alias/sns'.", error.Message);
    }

    [Fact]
    public void Read_ShouldKnowWhereTheConfigurationStateAndFollowUpsAre()
    {
        const string Queue = "https://sqs.us-east-1.amazonaws.com/111122223333/idckmsguard-follow-ups";

        var set = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("CONFIGURATION_PARAMETER", "/idckmsguard/config"), ("STATE_TABLE", "idckmsguard-state"), ("FOLLOW_UP_QUEUE_URL", Queue)));
        var unset = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("STATE_TABLE", "")));

        Assert.Equal(("/idckmsguard/config", "idckmsguard-state", Queue), (set.ConfigurationParameter, set.StateTable, set.FollowUpQueueUrl));
        Assert.Equal((null, null, null), (unset.ConfigurationParameter, unset.StateTable, unset.FollowUpQueueUrl));
    }

    [Theory]
    [InlineData("remediate", "enabled", true)]
    [InlineData("remediate", "disabled", false)]
    [InlineData("alert", "enabled", false)]
    public void Read_ShouldLetTheGuardSwitchKeysOnlyWhenRemediatingAndEnabled(string mode, string encryption, bool expected)
    {
        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("REMEDIATION_MODE", mode), ("ENCRYPTION_REMEDIATION", encryption)));

        Assert.Equal(expected, deployment.Options.MaySwitchEncryption);
    }

    [Theory]
    [InlineData("ALERT_TOPIC_ARN", null, "ALERT_TOPIC_ARN is not set.")]
    [InlineData("ALERT_TOPIC_ARN", "my-topic", "ALERT_TOPIC_ARN must be an SNS topic ARN")]
    [InlineData("REMEDIATION_MODE", "yes", "REMEDIATION_MODE must be 'remediate' or 'alert', not 'yes'.")]
    [InlineData("ENCRYPTION_REMEDIATION", "on", "ENCRYPTION_REMEDIATION must be 'enabled' or 'disabled', not 'on'.")]
    [InlineData("AWS_REGION", null, "AWS_REGION is not set.")]
    [InlineData("ORGANIZATION_ID", "corp", "ORGANIZATION_ID must be an organization id (o-...), not 'corp'.")]
    [InlineData("DELEGATED_ADMIN_ACCOUNTS", "444455556666,12345", "DELEGATED_ADMIN_ACCOUNTS must list 12-digit account ids separated by commas; '12345' is not one.")]
    [InlineData("DELIVERY_ATTEMPTS", "three", "DELIVERY_ATTEMPTS must be a whole number from 1 to 1000, not 'three'.")]
    [InlineData("FOLLOW_UP_ATTEMPTS", "0", "FOLLOW_UP_ATTEMPTS must be a whole number from 1 to 1000, not '0'.")]
    public void Read_WhenAValueIsMissingOrWrong_ShouldFailNamingTheVariable(string name, string? value, string expected)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["AWS_REGION"] = "us-east-1", ["ALERT_TOPIC_ARN"] = Topic, [name] = value };

        var error = Assert.Throws<InvalidOperationException>(() => DeploymentEnvironment.Read(new DictionaryEnvironment(variables)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OwnQueues_ShouldBeTheListedQueueArns_OrNullWhenNotSet()
    {
        const string FollowUps = "arn:aws:sqs:us-east-1:111122223333:guard-FollowUpQueue-1";
        const string Refusals = "arn:aws:sqs:us-east-1:111122223333:guard-KeyUseFailureQueue-2";

        Assert.Equal([FollowUps, Refusals], DeploymentEnvironment.OwnQueues(Environment(("OWN_QUEUE_ARNS", $"{FollowUps}, {Refusals}")))!.Order(StringComparer.Ordinal));
        Assert.Null(DeploymentEnvironment.OwnQueues(Environment()));
    }

    [Theory]
    [InlineData("guard-follow-ups")]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topic")]
    [InlineData(",")]
    public void OwnQueues_WhenNotQueueArns_ShouldFailInitNamingTheVariable(string listed)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeploymentEnvironment.OwnQueues(Environment(("OWN_QUEUE_ARNS", listed))));

        Assert.StartsWith("OWN_QUEUE_ARNS must list SQS queue ARNs", error.Message, StringComparison.Ordinal);
    }

    private static DictionaryEnvironment Environment(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal));

    private sealed class DictionaryEnvironment(Dictionary<string, string?> values) : IEnvironmentVariables
    {
        public string? GetVariable(string name) => values.GetValueOrDefault(name);

        public void SetVariable(string name, string? value) => values[name] = value;
    }

    [Fact]
    public void Read_ShouldTakeTheAlertFormatAndTheIncidentFeeds()
    {
        var deployment = DeploymentEnvironment.Read(Environment(
            ("AWS_REGION", "us-east-1"),
            ("ALERT_TOPIC_ARN", Topic),
            ("ACCOUNT_LABEL", "identity-prod"),
            ("ALERT_SCHEMA_VERSION", "1"),
            ("SECURITY_HUB_FINDINGS", "enabled"),
            ("ALERT_EVENT_BUS", "default")));

        Assert.Equal(("identity-prod", 1), (deployment.Options.AlertFormat.AccountLabel, deployment.Options.AlertFormat.SchemaVersion));
        Assert.Equal("111122223333", deployment.Options.AlertFormat.Account);
        Assert.Equal((true, "default"), (deployment.SecurityHubFindings, deployment.AlertEventBus));
    }

    [Fact]
    public void Read_WithoutTheFeedVariables_ShouldSendNoFindingsAndNoEventsAndVersion2()
    {
        var deployment = DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), ("ALERT_EVENT_BUS", "")));

        Assert.Equal((false, null, 2), (deployment.SecurityHubFindings, deployment.AlertEventBus, deployment.Options.AlertFormat.SchemaVersion));
    }

    [Theory]
    [InlineData("ALERT_SCHEMA_VERSION", "3")]
    [InlineData("SECURITY_HUB_FINDINGS", "yes")]
    [InlineData("ACCOUNT_LABEL", "bad\nlabel")]
    [InlineData("ALERT_EVENT_BUS", "bus with spaces")]
    public void Read_WhenAFeedOrFormatVariableIsBad_ShouldFailInitNamingIt(string variable, string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(
            () => DeploymentEnvironment.Read(Environment(("AWS_REGION", "us-east-1"), ("ALERT_TOPIC_ARN", Topic), (variable, value))));

        Assert.Contains(variable, failure.Message, StringComparison.Ordinal);
    }
}

using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>How the function is built, run and configured, as the code and the Makefile expect it.</summary>
public sealed class TemplateFunctionContractTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly YamlMappingNode Function = Template.Properties(EventRule.GuardFunction);

    [Fact]
    public void GuardFunction_ShouldRunTheNativeAotBootstrapOnAl2023OnTheChosenArchitecture()
    {
        Assert.Equal("AWS::Serverless::Function", Template.TypeOf(EventRule.GuardFunction));
        Assert.Equal("provided.al2023", Function.Scalar("Runtime"));
        var architecture = Assert.IsType<YamlScalarNode>(Assert.Single(Function.Sequence("Architectures").Children));
        Assert.Equal(("!Ref", "Architecture"), (architecture.Intrinsic(), architecture.Value));
        Assert.Equal("bootstrap", Function.Scalar("Handler"));
    }

    // `sam build` with BuildMethod makefile calls the target build-<LogicalId>.
    [Fact]
    public void GuardFunction_ShouldBeBuiltByTheMakefileTarget()
    {
        Assert.Equal("makefile", Template.Resource(EventRule.GuardFunction).Map("Metadata").Scalar("BuildMethod"));

        var makefile = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Makefile"));
        Assert.Contains(makefile, line => line.StartsWith($"build-{EventRule.GuardFunction}:", StringComparison.Ordinal));
    }

    // The names are the constants of DeploymentEnvironment (functions/IdcKmsGuard.Function/DeploymentEnvironment.cs),
    // which is internal to the Function project: keep both in step.
    [Theory]
    [InlineData("ALERT_TOPIC_ARN", "!Ref", "AlertTopic")]
    [InlineData("REMEDIATION_MODE", "!Ref", "RemediationMode")]
    [InlineData("GUARD_ROLE_ARN", "!GetAtt", "GuardFunctionRole.Arn")]
    [InlineData("ORGANIZATION_ID", "!Ref", "OrganizationId")]
    [InlineData("DELEGATED_ADMIN_ACCOUNTS", "!Ref", "DelegatedAdminAccounts")]
    [InlineData("CONFIGURATION_PARAMETER", "!Ref", "ConfigurationParameter")]
    [InlineData("STATE_TABLE", "!Ref", "StateTable")]
    [InlineData("FOLLOW_UP_QUEUE_URL", "!Ref", "FollowUpQueue")]
    [InlineData("ALERT_TOPIC_KEY_ARN", "!GetAtt", "AlertTopicKey.Arn")]
    [InlineData("SWITCH_TARGET_KEYS", "!Ref", "SwitchTargetKeys")]
    [InlineData("RUNBOOK_BASE_URL", "!Ref", "RunbookBaseUrl")]
    [InlineData("ACCOUNT_LABEL", "!Ref", "AccountLabel")]
    [InlineData("ALERT_SCHEMA_VERSION", "!Ref", "AlertSchemaVersion")]
    [InlineData("SECURITY_HUB_FINDINGS", "!Ref", "SecurityHubFindings")]
    public void Environment_ShouldSetWhatDeploymentEnvironmentReads(string variable, string intrinsic, string value)
    {
        var variables = Function.Map("Environment").Map("Variables");

        var node = variables.Find(variable) as YamlScalarNode;
        Assert.True(node is not null, $"{variable} is not set in the function's environment.");
        Assert.Equal((intrinsic, value), (node.Intrinsic(), node.Value));
    }

    // The function refuses a batch from any queue not listed: every SQS event source of the function must be, and no other.
    [Fact]
    public void OwnQueueArns_ShouldListExactlyTheQueuesOfTheFunctionsSqsEventSources()
    {
        var node = (YamlScalarNode)Function.Map("Environment").Map("Variables").Find("OWN_QUEUE_ARNS")!;
        var sources = Function.Map("Events").Children.Select(e => (YamlMappingNode)e.Value)
            .Where(e => e.Scalar("Type") == "SQS")
            .Select(e => e.Map("Properties").Find("Queue")!)
            .Select(queue => $"${{{((YamlScalarNode)queue).Value}}}");

        Assert.Equal("!Sub", node.Intrinsic());
        Assert.Equal(sources.Order(StringComparer.Ordinal), node.Value!.Split(',').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EncryptionRemediation_ShouldBeEnabledOnlyUnderItsCondition()
    {
        var node = Function.Map("Environment").Map("Variables").Find("ENCRYPTION_REMEDIATION") as YamlSequenceNode;

        Assert.True(node is not null && node.Intrinsic() == "!If", "ENCRYPTION_REMEDIATION must be !If [RemediatesEncryption, enabled, disabled].");
        Assert.Equal(["RemediatesEncryption", "enabled", "disabled"], node.Children.Select(c => c.ToString()));
    }

    // DeploymentEnvironment accepts exactly these two modes and refuses anything else at start-up.
    [Fact]
    public void RemediationMode_ShouldAllowOnlyTheModesDeploymentEnvironmentAccepts()
    {
        var parameter = Template.Root.Map("Parameters").Map("RemediationMode");

        Assert.Equal(["alert", "remediate"], parameter.Sequence("AllowedValues").Strings().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GuardFunction_ShouldUseTheGuardRoleAndNoSamPolicies()
    {
        Assert.True(Function.Find("Role") is { } role && role.Refers("GuardFunctionRole"), "The function must run as GuardFunctionRole.");
        Assert.Null(Function.Find("Policies"));
    }

    // arm64 has not been seen serving an invocation: whoever picks it must read that before deploying.
    [Fact]
    public void Architecture_ShouldOfferArm64OnlyAsExperimental()
    {
        var parameter = Template.Root.Map("Parameters").Map("Architecture");

        Assert.Equal("x86_64", parameter.Scalar("Default"));
        Assert.Contains("arm64", parameter.Sequence("AllowedValues").Strings());
        Assert.Contains("experimental", parameter.Scalar("Description"), StringComparison.Ordinal);
    }

    // Switching Identity Center to a key must not rest on a configuration edit alone: with switching on, the stack
    // refuses to deploy until it names its targets.
    [Fact]
    public void EncryptionRemediation_ShouldNotDeployWithoutSwitchTargets()
    {
        var rule = Template.Root.Map("Rules").Map("SwitchingNeedsTargets");
        var assertion = (YamlMappingNode)Assert.Single(rule.Sequence("Assertions").Children);

        Assert.Equal("!Equals [!Ref EncryptionRemediation, enabled]", Written(rule.Find("RuleCondition")!));
        Assert.Equal("!Not [!Equals [!Ref SwitchTargetKeys, \"\"]]", Written(assertion.Find("Assert")!));
    }

    // The node as it would be written in flow style, tags included.
    private static string Written(YamlNode node)
    {
        var tag = node.Intrinsic() is { } intrinsic ? intrinsic + " " : "";
        return tag + node switch
        {
            YamlSequenceNode sequence => $"[{string.Join(", ", sequence.Children.Select(Written))}]",
            YamlScalarNode { Value: "" } => "\"\"",
            _ => node.ToString(),
        };
    }
}

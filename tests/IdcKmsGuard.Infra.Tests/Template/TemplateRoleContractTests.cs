using IdcKmsGuard.Infra.Tests.Support.Templates;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The guard's role can read, restore and report, never harm: a compromised or buggy guard must not be able to do
/// what it guards against.
/// </summary>
public sealed class TemplateRoleContractTests
{
    private const string Role = "GuardFunctionRole";
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;
    private static readonly IReadOnlyList<IamStatement> Statements = IamStatement.OfRole(Template, Role);

    public static TheoryData<string> ForbiddenActions =>
    [
        "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:DeleteAlias",
        "kms:DeleteImportedKeyMaterial", "kms:UpdatePrimaryRegion", "kms:CreateGrant", "sso:RemoveRegion",
        "sso:DeleteInstance", "sso:DeleteRegion",
    ];

    [Fact]
    public void Role_ShouldGrantNoWildcardActions()
    {
        var wildcards = Statements.SelectMany(s => s.Actions.Where(a => a.Contains('*', StringComparison.Ordinal)).Select(a => $"{s.Sid}: {a}")).ToList();

        Assert.True(wildcards.Count == 0, "Wildcard actions: " + string.Join(", ", wildcards));
        // NotResource widens an Allow; in a Deny it narrows what the role may do, and is checked below.
        Assert.All(Statements, s => Assert.True(s.Node.Find("NotAction") is null, $"{s.Sid} uses NotAction."));
        Assert.All(Statements.Where(s => s.Effect == "Allow"), s => Assert.True(s.Node.Find("NotResource") is null, $"{s.Sid} allows with NotResource."));
        Assert.All(Statements.Where(s => s.Effect != "Allow"), s => Assert.Equal(("Deny", "PublishNowhereElse"), (s.Effect, s.Sid)));
    }

    [Theory]
    [MemberData(nameof(ForbiddenActions))]
    public void Role_ShouldNotGrant(string action)
    {
        var granting = Statements.Where(s => s.Actions.Any(a => Covers(a, action))).Select(s => s.Sid).ToList();

        Assert.True(granting.Count == 0, $"{action} is granted by {string.Join(", ", granting)}.");
    }

    [Fact]
    public void Role_ShouldGrantNoKmsDeleteAction()
    {
        Assert.DoesNotContain(Statements.SelectMany(s => s.Actions), a => a.StartsWith("kms:Delete", StringComparison.OrdinalIgnoreCase));
    }

    // alert mode must deploy a role that cannot change a key at all.
    [Fact]
    public void KmsWriteActions_ShouldBeGrantedOnlyWhenRemediating()
    {
        var writes = Statements
            .Where(s => !s.IsAlertTopicKeyUse)
            .SelectMany(s => s.Actions.Where(a => IamStatement.IsKmsWrite(a) && !IsKeyUse(a)).Select(action => (action, s.Condition)))
            .ToList();

        // PutKeyPolicy only ever applies the policy engine's repair, with KMS's lock-out safety check on.
        Assert.Equal(["kms:CancelKeyDeletion", "kms:EnableKey", "kms:EnableKeyRotation", "kms:PutKeyPolicy"], writes.Select(w => w.action).Order(StringComparer.Ordinal));
        Assert.All(writes, w => Assert.True(w.Condition == Remediates, $"{w.action} is granted outside !If [Remediates, ...] (condition: {w.Condition ?? "none"})."));
    }

    // Rules declare the IAM actions their remediation calls; the role grants exactly their union, so a new
    // remediation cannot ship without its permission, and no permission outlives its remediation.
    [Fact]
    public void RemediationGrants_ShouldBeExactlyWhatTheRuleCatalogDeclares()
    {
        var declared = Core.Rules.RuleCatalog.All.SelectMany(r => r.RemediationActions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var granted = Statements.Where(s => s.Condition is Remediates or RemediatesEncryption).SelectMany(s => s.Actions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        Assert.Equal(declared, granted);
    }

    // Switching Identity Center's key is a separate opt-in on top of remediation: a guard that may only restore
    // keys cannot move Identity Center to another key.
    [Fact]
    public void UpdateInstance_ShouldBeGrantedOnlyWhenEncryptionRemediationIsEnabled()
    {
        var granting = Statements.Where(s => s.Actions.Any(a => Covers(a, "sso:UpdateInstance"))).ToList();

        var statement = Assert.Single(granting);
        Assert.Equal(RemediatesEncryption, statement.Condition);
        Assert.Equal("disabled", Template.Parameter("EncryptionRemediation").Scalar("Default"));
        var condition = Template.Condition(RemediatesEncryption);
        Assert.Equal("!And", condition.Intrinsic());
        Assert.Contains(((YamlDotNet.RepresentationModel.YamlSequenceNode)condition).Children, c => c.Intrinsic() == "!Condition" && c.ToString() == Remediates);
    }

    // Key use (Decrypt, Encrypt, GenerateDataKey*) only on the alert topic's key, or through Identity Center.
    [Fact]
    public void KeyUse_ShouldBeGrantedOnlyForTheAlertTopicOrThroughIdentityCenter()
    {
        var using_ = Statements.Where(s => !s.IsAlertTopicKeyUse && s.Actions.Any(IsKeyUse)).ToList();

        Assert.NotEmpty(using_);
        Assert.All(using_, s =>
        {
            Assert.Equal(RemediatesEncryption, s.Condition);
            var viaService = s.Node.Map("Condition").Map("StringEquals").Find("kms:ViaService");
            Assert.NotNull(viaService);
            Assert.Equal("sso.${AWS::Region}.amazonaws.com", viaService.ToString());
        });
    }

    [Fact]
    public void SnsPublish_ShouldBeLimitedToTheAlertTopic()
    {
        var publishing = Statements.Where(s => s.Effect == "Allow" && s.Actions.Any(a => Covers(a, "sns:Publish"))).ToList();

        var statement = Assert.Single(publishing);
        Assert.True(statement.Resource is { } resource && resource.Refers("AlertTopic"), $"{statement.Sid} must have Resource: !Ref AlertTopic.");
        Assert.Equal("AWS::SNS::Topic", Template.TypeOf("AlertTopic"));
    }

    // In one account a topic policy alone lets the role publish: only an explicit Deny keeps a rewritten
    // ALERT_TOPIC_ARN from sending the alerts to somebody else's topic.
    [Fact]
    public void SnsPublish_ShouldBeDeniedEverywhereButTheAlertTopic()
    {
        var deny = Assert.Single(Statements, s => s.Effect == "Deny" && s.Actions.Any(a => Covers(a, "sns:Publish")));

        Assert.Null(deny.Condition);
        Assert.Null(deny.Resource);
        Assert.True(deny.Node.Find("NotResource")!.Refers("AlertTopic"), $"{deny.Sid} must have NotResource: !Ref AlertTopic.");
    }

    // AWSLambdaBasicExecutionRole allows logs actions on every log group; the guard writes only its own.
    [Fact]
    public void Role_ShouldAttachNoManagedPolicyAndWriteOnlyItsOwnLogGroup()
    {
        Assert.Null(Template.Properties(Role).Find("ManagedPolicyArns"));
        var logs = Statements.Where(s => s.Actions.Any(a => a.StartsWith("logs:", StringComparison.OrdinalIgnoreCase))).ToList();

        var statement = Assert.Single(logs);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statement.Actions.Order(StringComparer.Ordinal));
        Assert.True(statement.Resource is { } resource && resource.Intrinsic() == "!GetAtt" && resource.ToString() == "GuardLogGroup.Arn", $"{statement.Sid} must have Resource: !GetAtt GuardLogGroup.Arn.");
        Assert.Equal("GuardLogGroup", Template.Properties("GuardFunction").Map("LoggingConfig").Find("LogGroup")!.ToString());
        Assert.Equal("!Ref", Template.Properties("GuardLogGroup").Find("RetentionInDays")!.Intrinsic());
        Assert.Equal("365", Template.Parameter("LogRetentionDays").Scalar("Default"));
    }

    private const string Remediates = "Remediates";
    private const string RemediatesEncryption = "RemediatesEncryption";

    private static bool IsKeyUse(string action) =>
        action.StartsWith("kms:Decrypt", StringComparison.OrdinalIgnoreCase)
        || action.StartsWith("kms:Encrypt", StringComparison.OrdinalIgnoreCase)
        || action.StartsWith("kms:GenerateDataKey", StringComparison.OrdinalIgnoreCase)
        || action.StartsWith("kms:ReEncrypt", StringComparison.OrdinalIgnoreCase);


    // IAM action names are case-insensitive and may end in a wildcard.
    private static bool Covers(string granted, string action) =>
        granted == "*"
        || string.Equals(granted, action, StringComparison.OrdinalIgnoreCase)
        || (granted.EndsWith('*') && action.StartsWith(granted[..^1], StringComparison.OrdinalIgnoreCase));
}

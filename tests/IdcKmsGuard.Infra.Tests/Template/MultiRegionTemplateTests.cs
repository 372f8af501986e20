using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>infra/forwarder and infra/key: what a multi-Region deployment adds to template.yaml.</summary>
public sealed class MultiRegionTemplateTests
{
    private const string Account = "111122223333";
    private const string DelegatedAdmin = "444455556666";
    private static readonly CloudFormationTemplate Forwarder = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "infra", "forwarder", "forwarder.yaml"));
    private static readonly CloudFormationTemplate Key = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "infra", "key", "identity-center-key.yaml"));
    private static readonly CloudFormationTemplate Replica = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "infra", "key", "identity-center-key-replica.yaml"));
    private static readonly CloudFormationTemplate AdminPolicy = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "infra", "key", "delegated-admin-policy.yaml"));

    [Fact]
    public void Forwarder_ShouldForwardExactlyWhatTheGuardsRulesTake()
    {
        var guard = EventRule.OfGuard().ToDictionary(r => r.Name, r => r.PatternJson(Account), StringComparer.Ordinal);
        var forwarded = Forwarder.ResourcesOfType("AWS::Events::Rule").ToDictionary(r => r.LogicalId, r => YamlJson.ToJson(r.Properties.Map("EventPattern"), new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::AccountId"] = Account }), StringComparer.Ordinal);

        Assert.Equal(guard.OrderBy(p => p.Key, StringComparer.Ordinal), forwarded.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Forwarder_ShouldTargetOnlyTheGuardRegionsDefaultBusThroughItsRole()
    {
        var resolver = new CfnResolver(new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::Partition"] = "aws", ["AWS::AccountId"] = Account, ["GuardRegion"] = "us-east-1", ["AWS::Region"] = "eu-west-1" }, new Dictionary<string, bool>());
        const string Bus = "arn:aws:events:us-east-1:111122223333:event-bus/default";

        foreach (var (id, rule) in Forwarder.ResourcesOfType("AWS::Events::Rule"))
        {
            var target = (YamlMappingNode)Assert.Single(rule.Sequence("Targets").Children);
            Assert.True(Bus == resolver.Resolve(target.Find("Arn")!)!.GetValue<string>(), id);
            Assert.True(target.Find("RoleArn")!.Refers("ForwardRole"), id);
            Assert.True(target.Map("DeadLetterConfig").Find("Arn")!.Refers("ForwardDeadLetterQueue"), $"{id}: an event that cannot be forwarded must be kept, not dropped.");
        }

        var statement = resolver.Resolve(Forwarder.Properties("ForwardRole").Sequence("Policies").Children[0])!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(("events:PutEvents", Bus), (statement["Action"]!.GetValue<string>(), statement["Resource"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void KeyTemplates_ShouldCarryTheGeneratorsBaselinePolicy(bool delegated)
    {
        var expected = JsonNode.Parse(BaselinePolicy.Generate(new BaselineOptions(Account, null, delegated ? [DelegatedAdmin] : [], null, null)));
        var resolver = KeyResolver(delegated);

        Assert.True(JsonNode.DeepEquals(expected, resolver.Resolve(Key.Properties("IdentityCenterKey").Find("KeyPolicy")!)), "identity-center-key.yaml differs from `idckmsguard baseline-policy`.");
        Assert.True(JsonNode.DeepEquals(expected, resolver.Resolve(Replica.Properties("IdentityCenterKeyReplica").Find("KeyPolicy")!)), "identity-center-key-replica.yaml differs from `idckmsguard baseline-policy`.");
    }

    [Fact]
    public void KeyTemplate_ShouldMakeAKeyIdentityCenterCanUseInEveryRegionAndNeverDeleteIt()
    {
        var key = Key.Properties("IdentityCenterKey");

        Assert.Equal(("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "true", "true"), (key.Scalar("KeySpec"), key.Scalar("KeyUsage"), key.Scalar("MultiRegion"), key.Scalar("EnableKeyRotation")));
        Assert.All([Key.Resource("IdentityCenterKey"), Replica.Resource("IdentityCenterKeyReplica")], resource =>
        {
            Assert.Equal("Retain", resource.Scalar("DeletionPolicy"));
            Assert.Equal("Retain", resource.Scalar("UpdateReplacePolicy"));
        });
        var policy = KeyPolicyParser.Parse(KeyResolver(delegated: true).Resolve(key.Find("KeyPolicy")!)!.ToJsonString());
        var report = PolicyChecker.Check(policy, new IdentityCenterFacts(Account, "o-a1b2c3d4e5", "eu-west-1", "arn:aws:sso:::instance/ssoins-1111222233334444", $"arn:aws:identitystore::{Account}:identitystore/d-1234567890", $"arn:aws:kms:eu-west-1:{Account}:key/mrk-1234abcd12ab34cd56ef1234567890ab", [DelegatedAdmin]));
        Assert.True(report.IsHealthy && report.IsLockoutSafe, string.Join(" ", report.Findings.Select(f => f.Message)));
        Assert.DoesNotContain(report.Findings, f => f.Severity >= Core.Alerts.Severity.Medium);
    }

    [Fact]
    public void DelegatedAdminPolicy_ShouldBeTheDocumentedCrossAccountPolicyForThisKey()
    {
        var resolver = new CfnResolver(new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::Partition"] = "aws", ["KeyAccount"] = Account, ["KeyId"] = "mrk-1234abcd-12ab-34cd-56ef-1234567890ab" }, new Dictionary<string, bool>());
        var documented = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "iam-policy-cross-account-admin-2026.json")));

        Assert.True(JsonNode.DeepEquals(documented, resolver.Resolve(AdminPolicy.Properties("IdentityCenterKeyUse").Find("PolicyDocument")!)));
    }

    private static CfnResolver KeyResolver(bool delegated) => new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::Partition"] = "aws", ["AWS::AccountId"] = Account, ["DelegatedAdminAccount"] = delegated ? DelegatedAdmin : string.Empty },
        new Dictionary<string, bool>(StringComparer.Ordinal) { ["HasDelegatedAdmin"] = delegated });
}

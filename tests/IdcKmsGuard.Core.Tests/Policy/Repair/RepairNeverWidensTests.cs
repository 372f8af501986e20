using CsCheck;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Core.Tests.Policy.Findings;
using IdcKmsGuard.Core.Tests.Policy.Properties;

namespace IdcKmsGuard.Core.Tests.Policy.Repair;

/// <summary>
/// A repair never widens access: for any policy P, every request the repaired policy allows is allowed by P, or it
/// is one of Identity Center's own (the two service principals, for the actions Identity Center needs).
/// </summary>
public sealed class RepairNeverWidensTests
{
    private const int Iterations = 2_000;
    private const string ConditionedAdministration = """{"Sid":"AdminsWithMfa","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""";

    private static readonly string[] IdentityCenterActions = [.. RequiredRequestCatalog.CryptoActions, "kms:DescribeKey"];

    private static readonly IReadOnlyList<PolicyRequest> Requests = RequestUniverse();

    // Administration conditioned on MFA, a tag or a network: the repair must not add an unconditional grant.
    private static readonly Gen<string> WithConditionedAdministration =
        PolicyGenerators.AnyStatement.Array[0, 5].Select(s => PolicyGenerators.Document([ConditionedAdministration, .. s]));

    [Fact]
    public void Repair_ShouldAllowNothingTheOriginalRefusedButIdentityCentersOwnRequests()
    {
        Gen.OneOf(PolicyGenerators.Policy, PolicyGenerators.BaselineVariant, WithConditionedAdministration).Sample(
            policy =>
            {
                var original = KeyPolicyParser.Parse(policy);
                var repaired = KeyPolicyParser.Parse(PolicyRepairer.Repair(original, ReferencePolicies.Facts, new RepairOptions(NarrowBlockingDenies: true)).PolicyText);
                var widened = Requests.Where(r => PolicyEvaluator.Evaluate(repaired, r).IsAllowed && !PolicyEvaluator.Evaluate(original, r).IsAllowed && !IsIdentityCentersOwn(r)).ToList();
                return widened.Count == 0;
            },
            iter: Iterations);
    }

    [Fact]
    public void Repair_WhenAdministrationIsConditioned_ShouldAddNoUnconditionalGrantAndSayWhy()
    {
        var policy = KeyPolicyParser.Parse(PolicyGenerators.Document([ConditionedAdministration]));

        var result = PolicyRepairer.Repair(policy, ReferencePolicies.Facts, new RepairOptions());

        var repaired = KeyPolicyParser.Parse(result.PolicyText);
        Assert.DoesNotContain(repaired.Statements, s => s.Effect == StatementEffect.Allow && s.Conditions.Count == 0 && s.Principal.Entries.Any(e => e.Value.EndsWith(":root", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Changes, c => c.Contains("administration", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Unresolved, u => u.Contains("adds no administrator grant", StringComparison.Ordinal));
        Assert.False(result.Succeeded);
    }

    // "Only the guard may change this policy": the guard's own role can still change it, so that is no lock-out.
    [Fact]
    public void LockoutCheck_ShouldCountTheGuardsOwnRole()
    {
        const string GuardRole = "arn:aws:iam::111122223333:role/idckmsguard-GuardFunctionRole";
        var guardOnly = PolicyGenerators.Document(
        [
            ReferencePolicies.KmsDefaultAdministration,
            """{"Sid":"OnlyTheGuardChangesThePolicy","Effect":"Deny","Principal":"*","Action":"kms:PutKeyPolicy","Resource":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":""" + $"\"{GuardRole}\"" + "}}}",
        ]);

        var without = Core.Policy.Findings.PolicyChecker.Check(KeyPolicyParser.Parse(guardOnly), ReferencePolicies.Facts);
        var with = Core.Policy.Findings.PolicyChecker.Check(KeyPolicyParser.Parse(guardOnly), ReferencePolicies.Facts with { GuardRoleArn = GuardRole });

        Assert.False(without.IsLockoutSafe);
        Assert.True(with.IsLockoutSafe);
    }

    [Theory]
    [InlineData("aws-cn", "cn-north-1")]
    [InlineData("aws-us-gov", "us-gov-west-1")]
    public void Baseline_ShouldUseTheKeysPartition(string partition, string region)
    {
        var text = BaselinePolicy.Generate(new BaselineOptions("111122223333", null, [], null, null, partition));

        Assert.Contains($"arn:{partition}:iam::111122223333:root", text, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:", text, StringComparison.Ordinal);
        var facts = ReferencePolicies.Facts with { KeyArn = $"arn:{partition}:kms:{region}:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", Region = region };
        Assert.Equal(partition, facts.Partition);
    }

    private static bool IsIdentityCentersOwn(PolicyRequest request) =>
        request.Principal is ServicePrincipal { Name: RequiredRequestCatalog.SsoService or RequiredRequestCatalog.IdentityStoreService }
        && IdentityCenterActions.Contains(request.Action, StringComparer.Ordinal);

    // Who may ask (this account, another organization's account, Identity Center's services, a managed application),
    // what (Identity Center's actions and others, administration among them) and how (bare, as a service for this
    // instance, through Identity Center).
    private static List<PolicyRequest> RequestUniverse()
    {
        var facts = ReferencePolicies.Facts;
        PolicyPrincipal[] principals =
        [
            new IamPrincipal($"arn:aws:iam::{facts.Account}:role/App", facts.Account, facts.OrgId),
            new IamPrincipal("arn:aws:iam::999988887777:role/Outsider", "999988887777", "o-outsider000"),
            new ServicePrincipal(RequiredRequestCatalog.SsoService),
            new ServicePrincipal(RequiredRequestCatalog.IdentityStoreService),
            new ServicePrincipal(RequiredRequestCatalog.ManagedApplicationService),
        ];
        string[] actions = [.. IdentityCenterActions, "kms:Encrypt", "kms:GenerateDataKey", "kms:PutKeyPolicy", "kms:CreateGrant", "kms:ScheduleKeyDeletion", "kms:DisableKey"];
        RequestContext[] contexts =
        [
            RequestContext.Empty,
            RequestContext.Empty.With("aws:SourceAccount", facts.Account).With("aws:SourceArn", facts.InstanceArn)
                .With($"kms:EncryptionContext:{RequiredRequestCatalog.InstanceContextKey}", facts.InstanceArn).With("kms:EncryptionContextKeys", RequiredRequestCatalog.InstanceContextKey),
            RequestContext.Empty.With("kms:ViaService", "sso.us-east-1.amazonaws.com").With("aws:PrincipalOrgID", facts.OrgId ?? RequiredRequestCatalog.UnknownOrgId)
                .With("kms:EncryptionContextKeys", RequiredRequestCatalog.InstanceContextKey).With("aws:MultiFactorAuthPresent", "true"),
        ];
        return [.. from principal in principals from action in actions from context in contexts select new PolicyRequest(principal, action, facts.KeyArn, context)];
    }
}

using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Tests.Policy.Findings;

namespace IdcKmsGuard.Core.Tests.Policy.Repair;

public sealed class PolicyRepairerTests
{
    [Fact]
    public void Repair_WhenPolicyIsHealthy_ShouldChangeNothing()
    {
        var policy = KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-baseline-2026.json"));

        var result = PolicyRepairer.Repair(policy, ReferencePolicies.Facts, new RepairOptions());

        Assert.False(result.Changed);
        Assert.Equal(policy.Text, result.PolicyText);
    }

    [Fact]
    public void Repair_WhenServiceStatementsWereRemoved_ShouldAddThemBackAndKeepEveryStatement()
    {
        var original = KeyPolicyParser.Parse($$"""{"Version":"2012-10-17","Statement":[{{ReferencePolicies.KmsDefaultAdministration}},{"Sid":"App","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},"Action":"kms:Encrypt","Resource":"*"}]}""");

        var result = PolicyRepairer.Repair(original, ReferencePolicies.Facts, new RepairOptions());

        Assert.True(result.Succeeded, string.Join("; ", result.After.Findings.Select(f => f.Message)));
        var repaired = KeyPolicyParser.Parse(result.PolicyText);
        Assert.Equal(4, repaired.Statements.Count);
        Assert.All(original.Statements, s => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(s.RawJson), JsonNode.Parse(repaired.Statements[s.Index].RawJson))));
        Assert.Equal(2, result.Changes.Count);
        Assert.Contains(ReferencePolicies.InstanceArn, result.PolicyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_WhenOnlyDescribeKeyIsMissing_ShouldAddOnlyTheDescribeKeyStatement()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]!.AsArray().RemoveAt(1);

        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts, new RepairOptions());

        var change = Assert.Single(result.Changes);
        Assert.Contains(IdentityCenterStatements.DescribeKeySid, change, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Repair_WhenADenyBlocksAndMayNotBeTouched_ShouldLeaveItAndSayWhy()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}"""));

        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts, new RepairOptions());

        Assert.False(result.Succeeded);
        Assert.Contains(result.Unresolved, u => u.Contains("\"NoDecrypt\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Repair_WhenADenyBlocksAndMayBeNarrowed_ShouldExemptOnlyTheServices()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}"""));

        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts, new RepairOptions(NarrowBlockingDenies: true));

        Assert.True(result.Succeeded);
        var deny = KeyPolicyParser.Parse(result.PolicyText).Statements.Single(s => s.Sid == "NoDecrypt");
        var exemption = Assert.Single(deny.Conditions);
        Assert.Equal("StringNotEquals", exemption.Operator.Name);
        Assert.Equal(["sso.amazonaws.com", "identitystore.amazonaws.com"], exemption.Values);
        var outsider = new Core.Policy.Evaluation.PolicyRequest(new Core.Policy.Evaluation.IamPrincipal("arn:aws:iam::111122223333:role/X", "111122223333", null), "kms:Decrypt", ReferencePolicies.KeyArn, Core.Policy.Evaluation.RequestContext.Empty);
        Assert.Equal(Core.Policy.Evaluation.Decision.ExplicitDeny, Core.Policy.Evaluation.PolicyEvaluator.Evaluate(KeyPolicyParser.Parse(result.PolicyText), outsider).Decision);
    }

    [Fact]
    // Administration is a person's decision: the repair reports a lock-out instead of adding kms:* for the account.
    public void Repair_WhenNobodyCanAdministerTheKey_ShouldAddNoAdministrationAndSaySo()
    {
        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-required-2025.json")), ReferencePolicies.Facts2025, new RepairOptions());

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(result.Changes, c => c.Contains(IdentityCenterStatements.AdministrationSid, StringComparison.Ordinal));
        Assert.Contains(result.Unresolved, u => u.StartsWith("Nobody the guard can name may change this key policy any more", StringComparison.Ordinal));
        Assert.True(result.Before.IsHealthy && !result.Before.IsLockoutSafe);
    }

    [Fact]
    public void Repair_WhenStatementIsASingleObject_ShouldWrapItWithoutChangingIt()
    {
        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse($$"""{"Statement":{{ReferencePolicies.KmsDefaultAdministration}}}"""), ReferencePolicies.Facts, new RepairOptions());

        Assert.True(result.Succeeded);
        Assert.Equal("Enable IAM User Permissions", KeyPolicyParser.Parse(result.PolicyText).Statements[0].Sid);
    }

    [Fact]
    public void Repair_WhenSidsAreTaken_ShouldChooseFreeOnes()
    {
        var policy = $$"""{"Statement":[{{ReferencePolicies.KmsDefaultAdministration}},{"Sid":"{{IdentityCenterStatements.UseKeySid}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},"Action":"kms:Encrypt","Resource":"*"}]}""";

        var result = PolicyRepairer.Repair(KeyPolicyParser.Parse(policy), ReferencePolicies.Facts, new RepairOptions());

        Assert.Contains(KeyPolicyParser.Parse(result.PolicyText).Statements, s => s.Sid == IdentityCenterStatements.UseKeySid + "2");
    }

    [Fact]
    public void Repair_WhenTheResultWouldExceed32Kb_ShouldRefuseAndKeepTheOriginal()
    {
        var statements = new List<string> { ReferencePolicies.KmsDefaultAdministration };
        string Document() => $$"""{"Statement":[{{string.Join(",", statements)}}]}""";
        while (Document().Length < KmsPolicyLimits.MaxBytes - 400)
        {
            statements.Add($$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/R{{statements.Count}}"},"Action":"kms:Encrypt","Resource":"*"}""");
        }

        var policy = KeyPolicyParser.Parse(Document());

        var result = PolicyRepairer.Repair(policy, ReferencePolicies.Facts, new RepairOptions());

        Assert.False(result.Changed);
        Assert.Equal(policy.Text, result.PolicyText);
        Assert.Contains(result.Unresolved, u => u.Contains("KMS limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_WhenRepaired_ShouldListTheAddedStatementsAndCountTheRest()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]!.AsArray().RemoveAt(1);
        var before = KeyPolicyParser.Parse(policy.ToJsonString());
        var after = KeyPolicyParser.Parse(PolicyRepairer.Repair(before, ReferencePolicies.Facts, new RepairOptions()).PolicyText);

        var lines = PolicyDiff.Lines(before, after);

        Assert.Equal(["+ statement #5 \"AllowIdentityCenterAndIdentityStoreToDescribeKey\": Allow identitystore.amazonaws.com, sso.amazonaws.com kms:DescribeKey when StringEquals aws:SourceAccount [111122223333] and StringEquals aws:SourceArn [arn:aws:sso:::instance/ssoins-1111222233334444, arn:aws:identitystore::111122223333:identitystore/d-1234567890]", "  4 statement(s) unchanged"], lines);
    }

    [Fact]
    public void Diff_WhenAStatementChanges_ShouldShowTheElementBeforeAndAfter()
    {
        var before = KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-baseline-2026.json"));
        var changed = ReferencePolicies.Json("key-policy-baseline-2026.json");
        changed["Statement"]![2]!["Action"] = "kms:Decrypt";

        var lines = PolicyDiff.Lines(before, KeyPolicyParser.Parse(changed.ToJsonString()));

        Assert.Contains("~ statement #3 \"AllowIdentityCenterAndIdentityStoreToUseKey\": Action [\"kms:Decrypt\",\"kms:ReEncryptTo\",\"kms:ReEncryptFrom\",\"kms:GenerateDataKeyWithoutPlaintext\"] -> \"kms:Decrypt\"", lines);
    }
}

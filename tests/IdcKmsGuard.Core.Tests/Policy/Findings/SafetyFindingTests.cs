using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

public sealed class SafetyFindingTests
{
    [Fact]
    public void Check_WhenEveryoneMayDecryptWithoutCondition_ShouldReportPublicAccess()
    {
        var report = Check("""{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""");

        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.Public);
        Assert.Equal(["#6 \"Open\""], finding.Statements);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"kms:CallerAccount":"111122223333"}}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""")]
    [InlineData("""{"StringLike":{"kms:ViaService":"sso.*.amazonaws.com"}}""")]
    public void Check_WhenEveryoneIsConfinedByACondition_ShouldNotReportPublicAccess(string condition)
    {
        var report = Check($$"""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{{condition}}}""");

        Assert.DoesNotContain(report.Findings, f => f.Id == PolicyFindingIds.Public);
    }

    [Theory]
    [InlineData("""{"StringNotEquals":{"kms:CallerAccount":"999988887777"}}""")]
    [InlineData("""{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""")]
    [InlineData("""{"StringLike":{"kms:CallerAccount":"*"}}""")]
    public void Check_WhenTheConditionLetsOutsidersThrough_ShouldStillReportPublicAccess(string condition)
    {
        var report = Check($$"""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{{condition}}}""");

        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.Public);
    }

    [Fact]
    public void Check_WhenServiceStatementsAreUnscoped_ShouldReportContextScopeAsLow()
    {
        var policy = $$"""
            {"Statement":[{{ReferencePolicies.KmsDefaultAdministration}},
              {"Effect":"Allow","Principal":{"Service":["sso.amazonaws.com","identitystore.amazonaws.com"]},"Action":["kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKeyWithoutPlaintext","kms:DescribeKey"],"Resource":"*"}]}
            """;

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(policy), ReferencePolicies.Facts);

        Assert.True(report.IsHealthy);
        Assert.Equal(2, report.Findings.Count(f => f.Id == PolicyFindingIds.ContextScope && f.Severity == Core.Alerts.Severity.Low));
    }

    [Fact]
    public void Check_WhenNobodyMayPutKeyPolicy_ShouldReportLockout()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]![0]!["Action"] = new System.Text.Json.Nodes.JsonArray("kms:Describe*", "kms:Get*", "kms:List*");

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts);

        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.AdminLockout);
        Assert.False(report.IsLockoutSafe);
    }

    [Fact]
    public void Check_WhenANamedRoleKeepsAdministration_ShouldBeLockoutSafe()
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]![0]!["Principal"]!["AWS"] = "arn:aws:iam::111122223333:role/KeyAdmins";

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts);

        Assert.True(report.IsLockoutSafe);
    }

    private static PolicyReport Check(string extraStatement)
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        policy["Statement"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse(extraStatement));
        return PolicyChecker.Check(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts);
    }
}

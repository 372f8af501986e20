using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

/// <summary>Each documented policy judged as tests/reference/key-policies/README.md says.</summary>
public sealed class ReferencePolicyVerdictTests
{
    [Fact]
    public void Check_WhenPolicyIsThe2026Baseline_ShouldBeHealthyWithNoFinding()
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-baseline-2026.json")), ReferencePolicies.Facts);

        Assert.True(report.IsHealthy);
        Assert.Empty(report.Findings);
        Assert.All(report.Requests, r => Assert.True(r.Decision.IsAllowed, $"{r.Required.Purpose}: {r.Decision.Decision}"));
    }

    [Fact]
    public void Check_WhenPolicyIsThe2025RequiredStatementsAlone_ShouldBeHealthyButLockedOut()
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-required-2025.json")), ReferencePolicies.Facts2025);

        Assert.True(report.IsHealthy);
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.AdminLockout);
        Assert.DoesNotContain(report.Findings, f => f.Id is PolicyFindingIds.KeyAccess or PolicyFindingIds.KeyDeny or PolicyFindingIds.AdminAccess);
    }

    [Fact]
    public void Check_When2025RequiredStatementsKeepKeyAdministration_ShouldBeLockoutSafe()
    {
        var policy = JsonNode.Parse(ReferencePolicies.Text("key-policy-required-2025.json"))!.AsObject();
        policy["Statement"]!.AsArray().Insert(0, JsonNode.Parse(ReferencePolicies.KmsDefaultAdministration));

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(policy.ToJsonString()), ReferencePolicies.Facts2025);

        Assert.True(report.IsHealthy);
        Assert.True(report.IsLockoutSafe);
    }

    [Fact]
    public void Check_When2025RequiredAndManagedAppStatementsAreCombined_ShouldAllowManagedApplications()
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(ReferencePolicies.Combined("key-policy-required-2025.json", "key-policy-managed-apps-2025.json")), ReferencePolicies.Facts2025);

        Assert.True(report.IsHealthy);
        Assert.DoesNotContain(report.Findings, f => f.Id == PolicyFindingIds.AppAccess);
    }

    [Fact]
    public void Check_When2025RequiredStatementsLackManagedAppStatements_ShouldReportAppAccessAsMedium()
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(ReferencePolicies.Text("key-policy-required-2025.json")), ReferencePolicies.Facts2025);

        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.AppAccess);
        Assert.Equal(Core.Alerts.Severity.Medium, finding.Severity);
    }

    [Theory]
    [InlineData("key-policy-managed-apps-2025.json")]
    [InlineData("key-policy-control-tower-2025.json")]
    public void Check_WhenPolicyIsOnlyTheExtraStatements_ShouldBeCriticalForTheServices(string file)
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(ReferencePolicies.Text(file)), ReferencePolicies.Facts2025);

        Assert.False(report.IsHealthy);
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith("sso.amazonaws.com", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith("identitystore.amazonaws.com", StringComparison.Ordinal));
    }
}

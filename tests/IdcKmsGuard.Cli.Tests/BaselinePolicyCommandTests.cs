using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Cli.Tests;

public sealed class BaselinePolicyCommandTests
{
    private static readonly string[] Pinned = ["--instance-arn", PolicyFixtures.InstanceArn, "--identity-store-arn", PolicyFixtures.IdentityStoreArn];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BaselinePolicy_WhenGenerated_ShouldParseAndBeHealthyForTheSameFacts(bool withOrgId)
    {
        string[] orgId = withOrgId ? ["--org-id", PolicyFixtures.OrgId] : [];

        var run = CliRun.Of(["baseline-policy", "--account", PolicyFixtures.Account, .. orgId, "--delegated-admin", PolicyFixtures.DelegatedAdmin]);

        Assert.Equal(0, run.ExitCode);
        var policy = KeyPolicyParser.Parse(run.Output);
        AssertHealthyAndClean(policy);
        Assert.DoesNotContain(Conditions(policy), c => IsSourceArn(c));
    }

    [Fact]
    public void BaselinePolicy_WhenPinnedToTheInstance_ShouldScopeTheServicesBySourceArn()
    {
        var run = CliRun.Of(["baseline-policy", "--account", PolicyFixtures.Account, "--org-id", PolicyFixtures.OrgId, "--delegated-admin", PolicyFixtures.DelegatedAdmin, .. Pinned]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("aws:SourceArn", run.Output, StringComparison.Ordinal);
        var policy = KeyPolicyParser.Parse(run.Output);
        AssertHealthyAndClean(policy);
        Assert.Contains(Conditions(policy), c => IsSourceArn(c) && c.Values.Contains(PolicyFixtures.InstanceArn) && c.Values.Contains(PolicyFixtures.IdentityStoreArn));
    }

    [Fact]
    public void BaselinePolicy_WhenDelegatedAdminIsRepeated_ShouldAdministerFromEveryAccount()
    {
        var run = CliRun.Of("baseline-policy", "--account", PolicyFixtures.Account, "--delegated-admin", PolicyFixtures.DelegatedAdmin, "--delegated-admin", "777788889999");

        Assert.Equal(0, run.ExitCode);
        var principals = KeyPolicyParser.Parse(run.Output).Statements.SelectMany(s => s.Principal.Entries).Select(e => e.Value).ToList();
        Assert.Contains($"arn:aws:iam::{PolicyFixtures.Account}:root", principals);
        Assert.Contains($"arn:aws:iam::{PolicyFixtures.DelegatedAdmin}:root", principals);
        Assert.Contains("arn:aws:iam::777788889999:root", principals);
    }

    [Fact]
    public void BaselinePolicy_WhenInstanceArnComesWithoutIdentityStoreArn_ShouldExitWithTheUsageCode()
    {
        var run = CliRun.Of("baseline-policy", "--account", PolicyFixtures.Account, "--instance-arn", PolicyFixtures.InstanceArn);

        Assert.Equal(64, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void BaselinePolicy_WhenAccountIsMissing_ShouldFailAndNameIt()
    {
        var run = CliRun.Of("baseline-policy", "--org-id", PolicyFixtures.OrgId);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error: --account is required", run.Error, StringComparison.Ordinal);
    }

    private static void AssertHealthyAndClean(KeyPolicy policy)
    {
        var report = PolicyChecker.Check(policy, PolicyFixtures.Facts);
        Assert.True(report.IsHealthy, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.True(report.IsLockoutSafe);
    }

    private static IEnumerable<ConditionClause> Conditions(KeyPolicy policy) => policy.Statements.SelectMany(s => s.Conditions);

    private static bool IsSourceArn(ConditionClause clause) => string.Equals(clause.Key, "aws:SourceArn", StringComparison.OrdinalIgnoreCase);
}

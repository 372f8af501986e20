using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Cli.Tests;

public sealed class RepairPolicyCommandTests
{
    [Fact]
    public void RepairPolicy_WhenUseKeyStatementIsMissing_ShouldPrintAHealthyPolicyAndTheDiff()
    {
        var broken = PolicyFixtures.BaselineWithoutUseKey();
        using var policy = new TempFile(broken);

        var run = PolicyFixtures.Run("repair-policy", policy.Path);

        Assert.Equal(0, run.ExitCode);
        var repaired = KeyPolicyParser.Parse(run.Output);
        var report = PolicyChecker.Check(repaired, PolicyFixtures.Facts);
        Assert.True(report.IsHealthy, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.True(report.IsLockoutSafe);
        Assert.All(KeyPolicyParser.Parse(broken).Statements, original => Assert.Contains(repaired.Statements, s => SameContent(s, original)));
        Assert.Contains(Lines(run.Error), line => line.StartsWith("+ statement", StringComparison.Ordinal));
    }

    [Fact]
    public void RepairPolicy_WithJson_ShouldPrintOneObjectWithThePolicyTheDiffAndWhatIsLeft()
    {
        using var missing = new TempFile(PolicyFixtures.BaselineWithoutUseKey());
        using var blocked = new TempFile(PolicyFixtures.BaselineWithBlockingDeny());

        var repaired = PolicyFixtures.Run("repair-policy", missing.Path, "--json");
        var left = PolicyFixtures.Run("repair-policy", blocked.Path, "--json");

        Assert.Equal((0, string.Empty), (repaired.ExitCode, repaired.Error));
        using var document = System.Text.Json.JsonDocument.Parse(repaired.Output);
        var root = document.RootElement;
        Assert.True(root.GetProperty("healthy").GetBoolean() && root.GetProperty("changed").GetBoolean());
        Assert.True(PolicyChecker.Check(KeyPolicyParser.Parse(root.GetProperty("policy").GetString()!), PolicyFixtures.Facts).IsHealthy);
        Assert.Contains(root.GetProperty("diff").EnumerateArray(), line => line.GetString()!.StartsWith("+ statement", StringComparison.Ordinal));
        Assert.Equal(2, left.ExitCode);
        using var unresolved = System.Text.Json.JsonDocument.Parse(left.Output);
        Assert.False(unresolved.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Contains(unresolved.RootElement.GetProperty("unresolved").EnumerateArray(), u => u.GetString()!.Contains("NoDecrypt", StringComparison.Ordinal));
    }

    [Fact]
    public void RepairPolicy_WhenADenyBlocksIdentityCenter_ShouldLeaveItAndExitTwo()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithBlockingDeny());

        var run = PolicyFixtures.Run("repair-policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(Lines(run.Error), line => line.StartsWith("unresolved:", StringComparison.Ordinal) && line.Contains("NoDecrypt", StringComparison.Ordinal));
        Assert.False(PolicyChecker.Check(KeyPolicyParser.Parse(run.Output), PolicyFixtures.Facts).IsHealthy);
    }

    [Fact]
    public void RepairPolicy_WhenADenyBlocksAndNarrowingIsAllowed_ShouldExemptTheServicesAndExitZero()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithBlockingDeny());

        var run = PolicyFixtures.Run("repair-policy", policy.Path, "--narrow-denies");

        Assert.Equal(0, run.ExitCode);
        Assert.True(PolicyChecker.Check(KeyPolicyParser.Parse(run.Output), PolicyFixtures.Facts).IsHealthy);
        Assert.Contains(Lines(run.Error), line => line.StartsWith("~ statement #6 \"NoDecrypt\"", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(run.Error), line => line.StartsWith("unresolved:", StringComparison.Ordinal));
    }

    // Administration conditioned on MFA is the organization's decision: the repair adds Identity Center's statements
    // and reports the lock-out it cannot judge, but never an unconditional kms:* for the account.
    [Fact]
    public void RepairPolicy_WhenTheAdministratorGrantIsConditioned_ShouldAddNoUnconditionalGrant()
    {
        var conditioned = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AdminsWithMfa","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
            "Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
            """;
        using var policy = new TempFile(conditioned);

        var run = PolicyFixtures.Run("repair-policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        var output = KeyPolicyParser.Parse(run.Output);
        Assert.DoesNotContain(output.Statements, s => s.Effect == StatementEffect.Allow && s.Conditions.Count == 0 && s.Principal.Entries.Any(e => e.Value.EndsWith(":root", StringComparison.Ordinal)));
        Assert.Contains(Lines(run.Error), line => line.StartsWith("unresolved:", StringComparison.Ordinal) && line.Contains("adds no administrator grant", StringComparison.Ordinal));
    }

    [Fact]
    public void RepairPolicy_WhenPolicyIsHealthy_ShouldPrintItUnchanged()
    {
        var run = PolicyFixtures.Run("repair-policy", PolicyFixtures.BaselineFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(PolicyFixtures.BaselineFile).TrimEnd(), run.Output.TrimEnd());
        Assert.Contains("No change needed.", Lines(run.Error));
    }

    // Issue 3: the repair is the smallest change, keeps every statement as it was and stays within 32 KB. A compact
    // 24 KB policy has room for the missing statement, but PolicyRepairer re-indents the whole document (39 KB).
    [Fact]
    public void RepairPolicy_WhenACompactPolicyHasRoomForTheMissingStatement_ShouldRepairItWithinTheLimit()
    {
        using var policy = new TempFile(PolicyFixtures.CompactBaselineWithoutUseKey(24_000));

        var run = PolicyFixtures.Run("repair-policy", policy.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(run.Output.TrimEnd()), 24_000, 32_768);
        Assert.True(PolicyChecker.Check(KeyPolicyParser.Parse(run.Output), PolicyFixtures.Facts).IsHealthy);
    }

    private static bool SameContent(PolicyStatement a, PolicyStatement b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a.RawJson), System.Text.Json.Nodes.JsonNode.Parse(b.RawJson));

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd().Split('\n');
}

using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>
/// The policy texts the benchmarks run on, each checked before it is measured: a benchmark of the wrong verdict
/// would time a different path through the engine.
/// </summary>
internal sealed record BenchmarkPolicies(string Baseline, string Large, string LargeCompact, string BrokenBaseline)
{
    public const string UseKeySid = "AllowIdentityCenterAndIdentityStoreToUseKey";

    public static BenchmarkPolicies Load()
    {
        var baseline = File.ReadAllText(BenchmarkFacts.BaselinePath);
        var broken = JsonNode.Parse(baseline)!.AsObject();
        var statements = broken["Statement"]!.AsArray();
        statements.Remove(statements.Single(s => s!["Sid"]!.GetValue<string>() == UseKeySid));
        var policies = new BenchmarkPolicies(
            baseline,
            LargePolicy.Build(baseline, indented: true),
            LargePolicy.Build(baseline, indented: false),
            PolicyText.Write(broken, indented: true));
        policies.Verify();
        return policies;
    }

    private void Verify()
    {
        foreach (var (name, text) in new[] { ("baseline", Baseline), ("large", Large), ("large compact", LargeCompact) })
        {
            var report = PolicyChecker.Check(KeyPolicyParser.Parse(text), BenchmarkFacts.Facts);
            if (!report.IsHealthy || !report.IsLockoutSafe)
            {
                throw new InvalidOperationException($"The {name} policy should be healthy: {string.Join("; ", report.Findings.Select(f => f.Message))}");
            }
        }

        if (PolicyChecker.Check(KeyPolicyParser.Parse(BrokenBaseline), BenchmarkFacts.Facts).IsHealthy)
        {
            throw new InvalidOperationException("The baseline without its UseKey statement should be critical.");
        }
    }
}

using BenchmarkDotNet.Attributes;
using IdcKmsGuard.Benchmarks.Policies;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Benchmarks;

/// <summary>
/// The key-policy engine on the documented baseline and on a policy at KMS's 32,768-byte limit. The target:
/// CheckFullRequestSet_32KbPolicy (every request Identity Center makes, plus the safety checks) has a median under 1 ms.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private readonly IdentityCenterFacts facts = BenchmarkFacts.Facts;
    private readonly RepairOptions repairOptions = new();
    private string largeText = string.Empty;
    private KeyPolicy large = null!;
    private KeyPolicy largeCompact = null!;
    private KeyPolicy baseline = null!;
    private KeyPolicy brokenBaseline = null!;
    private PolicyRequest[] requests = [];

    [GlobalSetup]
    public void Setup()
    {
        var policies = BenchmarkPolicies.Load();
        largeText = policies.Large;
        large = KeyPolicyParser.Parse(policies.Large);
        largeCompact = KeyPolicyParser.Parse(policies.LargeCompact);
        baseline = KeyPolicyParser.Parse(policies.Baseline);
        brokenBaseline = KeyPolicyParser.Parse(policies.BrokenBaseline);
        requests = RequiredRequestCatalog.For(facts).Select(r => r.Request).ToArray();
    }

    [Benchmark]
    public PolicyReport CheckFullRequestSet_32KbPolicy() => PolicyChecker.Check(large, facts);

    /// <summary>The same size without whitespace: about twice the statements, the worst case the limit allows.</summary>
    [Benchmark]
    public PolicyReport CheckFullRequestSet_32KbCompactPolicy() => PolicyChecker.Check(largeCompact, facts);

    [Benchmark]
    public KeyPolicy ParseOnly_32KbPolicy() => KeyPolicyParser.Parse(largeText);

    [Benchmark]
    public int EvaluateOnly_32KbPolicy()
    {
        var allowed = 0;
        foreach (var request in requests)
        {
            if (PolicyEvaluator.Evaluate(large, request).IsAllowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark]
    public RepairResult Repair_BrokenBaseline() => PolicyRepairer.Repair(brokenBaseline, facts, repairOptions);

    [Benchmark]
    public PolicyReport Check_Baseline2026() => PolicyChecker.Check(baseline, facts);
}

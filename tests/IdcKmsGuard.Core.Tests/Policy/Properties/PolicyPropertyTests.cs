using System.Text.Json.Nodes;
using CsCheck;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Tests.Policy.Findings;

namespace IdcKmsGuard.Core.Tests.Policy.Properties;

/// <summary>Laws the engine must obey for every policy, checked over thousands of random ones.</summary>
public sealed class PolicyPropertyTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void AddingAnAllow_ShouldNeverTurnAHealthyPolicyUnhealthy()
    {
        Gen.Select(Gen.OneOf(PolicyGenerators.Policy, PolicyGenerators.BaselineVariant), PolicyGenerators.Allow).Sample(
            (policy, allow) =>
            {
                var before = Check(policy);
                return !before.IsHealthy || Check(Append(policy, allow)).IsHealthy;
            },
            iter: Iterations);
    }

    [Fact]
    public void AddingADeny_ShouldNeverTurnAnUnhealthyPolicyHealthy()
    {
        Gen.Select(Gen.OneOf(PolicyGenerators.Policy, PolicyGenerators.BaselineVariant), PolicyGenerators.Deny).Sample(
            (policy, deny) => Check(policy).IsHealthy || !Check(Append(policy, deny)).IsHealthy,
            iter: Iterations);
    }

    [Fact]
    public void Generators_ShouldProduceHealthyAndUnhealthyPolicies()
    {
        // A fixed stream, so the share is a property of the generator, not of the run.
        var random = new PCG(20261130, 1);
        var total = 300;
        var healthy = Enumerable.Range(0, total).Count(_ => Check(PolicyGenerators.BaselineVariant.Generate(random, null, out Size _)).IsHealthy);

        Assert.True(healthy >= total / 10 && healthy <= total * 9 / 10, $"{healthy} of {total} generated policies are healthy");
    }

    [Fact]
    public void AddingAnAllowToTheBaseline_ShouldKeepItHealthy()
    {
        var baseline = ReferencePolicies.Text("key-policy-baseline-2026.json");
        PolicyGenerators.Allow.Sample(allow => Check(Append(baseline, allow)).IsHealthy, iter: Iterations);
    }

    [Fact]
    public void Repair_ShouldAlwaysBeHealthyLockoutSafeAndKeepEveryStatement()
    {
        Gen.OneOf(PolicyGenerators.Policy, PolicyGenerators.BaselineVariant).Sample(
            policy =>
            {
                var original = KeyPolicyParser.Parse(policy);
                var result = PolicyRepairer.Repair(original, ReferencePolicies.Facts, new RepairOptions(NarrowBlockingDenies: true));
                var repaired = KeyPolicyParser.Parse(result.PolicyText);
                var kept = original.Statements.All(s => s.Effect == Core.Policy.Model.StatementEffect.Deny || JsonNode.DeepEquals(JsonNode.Parse(s.RawJson), JsonNode.Parse(repaired.Statements[s.Index].RawJson)));
                // A narrowed Deny keeps a copy for the services' other actions: never fewer Denies than before.
                var denies = original.Statements.Count(s => s.Effect == Core.Policy.Model.StatementEffect.Deny) <= repaired.Statements.Count(s => s.Effect == Core.Policy.Model.StatementEffect.Deny);
                return result.Succeeded && PolicyChecker.Check(repaired, ReferencePolicies.Facts).IsHealthy && kept && denies && repaired.Statements.Count >= original.Statements.Count;
            },
            iter: Iterations);
    }

    [Fact]
    public void Repair_WithoutLeaveToNarrowDenies_ShouldNeverChangeADeny()
    {
        PolicyGenerators.Policy.Sample(
            policy =>
            {
                var original = KeyPolicyParser.Parse(policy);
                var repaired = KeyPolicyParser.Parse(PolicyRepairer.Repair(original, ReferencePolicies.Facts, new RepairOptions()).PolicyText);
                return original.Statements.All(s => JsonNode.DeepEquals(JsonNode.Parse(s.RawJson), JsonNode.Parse(repaired.Statements[s.Index].RawJson)));
            },
            iter: Iterations);
    }

    private static PolicyReport Check(string policy) => PolicyChecker.Check(KeyPolicyParser.Parse(policy), ReferencePolicies.Facts);

    private static string Append(string policy, string statement)
    {
        var document = JsonNode.Parse(policy)!.AsObject();
        document["Statement"]!.AsArray().Add(JsonNode.Parse(statement));
        return document.ToJsonString();
    }
}

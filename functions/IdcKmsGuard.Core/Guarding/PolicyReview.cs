using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Re-reads the key policy, judges it with the policy engine for this instance's real requests, and with
/// remediation on applies the engine's repair (never bypassing KMS's lock-out check) and verifies it.
/// </summary>
internal sealed class PolicyReview(IKeyStore keys, GuardOptions options, IKnownGoodPolicies knownGoodPolicies, TimeProvider time)
{
    private readonly KnownGoodPolicyBook knownGoodPolicy = new(knownGoodPolicies, time);

    /// <param name="configuration">Supplies the extra requirements checked beside Identity Center's own.</param>
    /// <param name="gate">Null: judge only, never repair (e.g. a key Identity Center is switching to).</param>
    /// <param name="stateBefore">The key's state as the review found it, journaled with a repair.</param>
    public async Task<PolicyReviewResult> ReviewAsync(
        GuardEvent guardEvent,
        ProtectedKey key,
        GuardConfiguration configuration,
        RemediationGate? gate,
        CancellationToken cancellationToken,
        string? stateBefore = null)
    {
        var text = await keys.GetKeyPolicyAsync(key.Target, cancellationToken).ConfigureAwait(false);
        if (gate is not null)
        {
            await gate.Causes.SawAsync(key.Target, KeySubjects.Policy, KeySubjects.PolicyValue(text), cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<string> notes = Notes(guardEvent, text);
        KeyPolicy policy;
        try
        {
            policy = KeyPolicyParser.Parse(text);
        }
        catch (PolicyParseException e)
        {
            return new(
                [KeyStateRules.Violation(
                    RuleCatalog.KeyPolicyHealthy,
                    $"The guard cannot read the policy KMS holds ({e.Message}); check it by hand.")],
                [],
                null,
                [],
                notes);
        }

        var facts = RequiredAccess.For(options, key, configuration);
        var report = PolicyChecker.Check(policy, facts);
        var findings = PolicyFindingRules.Findings(report);
        if (report.IsHealthy && report.IsGood
            && await knownGoodPolicy.RememberAsync(key, policy, guardEvent.Actor.Arn, cancellationToken).ConfigureAwait(false) is { } forgotten)
        {
            notes = [.. notes, forgotten];
        }

        if (report.IsHealthy || gate is null)
        {
            return new(findings, [], null, [], notes) { Judged = policy };
        }

        var knownGood = await knownGoodPolicies.GetKnownGoodPolicyAsync(key.Target.ToString(), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> change = knownGood is null || knownGood.Sha256 == Sha256(policy.Text)
            ? []
            : [
                $"Compared with the last healthy policy (seen {knownGood.ObservedAt:yyyy-MM-dd HH:mm} UTC"
                    + $"{(knownGood.Actor is null ? string.Empty : $", set by {knownGood.Actor}")}):",
                .. PolicyDiff.Lines(KeyPolicyParser.Parse(knownGood.Policy), policy),
            ];
        var repair = KnownGoodPolicyBook.Restore(knownGood, facts, gate.Configuration)
            ?? PolicyRepairer.Repair(policy, facts, new RepairOptions(gate.Configuration.NarrowBlockingDenies));
        if (!repair.Changed || !repair.Succeeded)
        {
            var why = repair.Unresolved.Count > 0 ? string.Join(" ", repair.Unresolved) : "the engine found no change that would make it healthy.";
            return new(findings, [new RemediationStep("PutKeyPolicy", StepStatus.Skipped, $"No safe repair: {why}")], null, [], notes)
            {
                PolicyChange = change,
            };
        }

        var diff = PolicyDiff.Lines(policy, KeyPolicyParser.Parse(repair.PolicyText));
        var decision = await gate.DecideAsync(
            RuleCatalog.KeyPolicyHealthy,
            key.Target,
            $"put the repaired policy ({string.Join("; ", repair.Changes)})",
            cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            // What the gate found while deciding (the key is not marked, its tags cannot be read) explains the skip.
            findings = decision.Finding is { } found && !findings.Contains(found) ? [.. findings, found] : findings;
            return new(findings, [new RemediationStep("PutKeyPolicy", StepStatus.Skipped, decision.Reason)], null, diff, notes)
            {
                Skipped = decision.SkippedOutcome,
                PolicyChange = change,
            };
        }

        var done = $"Applied the repaired policy (lock-out safety check on): {string.Join(" ", repair.Changes)}";
        var put = await gate.Changes.ApplyAsync(
            new ChangeContext(key.Target.ToString(), stateBefore, findings),
            RemediationActions.PutKeyPolicy(keys, key.Target, repair.PolicyText, done),
            cancellationToken).ConfigureAwait(false);
        if (put.Status == StepStatus.Fixed)
        {
            gate.Causes.Made(key.Target, KeySubjects.Policy, KeySubjects.PolicyValue(repair.PolicyText), put.Action);
        }
        else
        {
            return new(findings, [put], new Verification(false, "The repaired policy was not applied."), diff, notes) { PolicyChange = change };
        }

        Verification verification;
        PolicyReport after;
        try
        {
            (verification, after) = await VerifyAsync(key, facts, gate, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (!e.IsTransient || gate.Changes.IsLastAttempt)
        {
            // The repair went in (journaled); only its check is missing, and the alert says so.
            return new(
                findings,
                [put],
                new Verification(
                    false,
                    $"Could not re-read the policy to verify the repair: {e.Operation} failed ({e.ErrorCode}: {e.ErrorMessage})."),
                diff,
                notes)
            {
                PolicyChange = change,
            };
        }

        var remaining = PolicyFindingRules.Findings(after).Select(f => f.Message).ToHashSet(StringComparer.Ordinal);
        var fixedFindings = findings.Select(f => f with { Resolved = !remaining.Contains(f.Message) }).ToList();
        if (verification.Passed && after.IsGood
            && await knownGoodPolicy.RememberAsync(
                key,
                KeyPolicyParser.Parse(repair.PolicyText),
                options.GuardRoleArn ?? "the guard",
                cancellationToken).ConfigureAwait(false) is { } repairedForgotten)
        {
            notes = [.. notes, repairedForgotten];
        }

        return new(fixedFindings, [put], verification, diff, notes) { PolicyChange = change };
    }

    private static string Sha256(string text) => ChangeEvidence.Sha256(text);

    private async Task<(Verification Verification, PolicyReport After)> VerifyAsync(
        ProtectedKey key,
        IdentityCenterFacts facts,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var live = await keys.GetKeyPolicyAsync(key.Target, cancellationToken).ConfigureAwait(false);
        await gate.Causes.SawAsync(key.Target, KeySubjects.Policy, KeySubjects.PolicyValue(live), cancellationToken).ConfigureAwait(false);
        var after = PolicyChecker.Check(KeyPolicyParser.Parse(live), facts);
        var verification = after.IsHealthy && after.IsLockoutSafe
            ? new Verification(
                true,
                "Re-read the key policy: every request Identity Center and Identity Store make is allowed, and the key stays administrable.")
            : new Verification(
                false,
                "Re-read the key policy: still failing: "
                + $"{string.Join(" ", after.Findings.Where(f => f.Severity >= Severity.High).Select(f => f.Message))}");
        return (verification, after);
    }

    private static IReadOnlyList<string> Notes(GuardEvent guardEvent, string live) =>
        guardEvent.ProposedPolicy is { } proposed && !JsonEquivalent(proposed, live)
            ? ["The live policy differs from the one in this event: another change followed it. The guard judged the live policy."]
            : [];

    private static bool JsonEquivalent(string a, string b)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}

/// <param name="Diff">The guard's change to the policy, statement by statement.</param>
/// <param name="Notes">Extra facts for "what happened".</param>
internal sealed record PolicyReviewResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RemediationStep> Steps,
    Verification? Verification,
    IReadOnlyList<string> Diff,
    IReadOnlyList<string> Notes)
{
    /// <summary>Set when the gate held the repair back: the outcome to report.</summary>
    public AlertOutcome? Skipped { get; init; }

    /// <summary>How the policy differs from the last one seen healthy.</summary>
    public IReadOnlyList<string> PolicyChange { get; init; } = [];

    /// <summary>The live policy the review judged healthy (null when it found it broken, or could not read it).</summary>
    public KeyPolicy? Judged { get; init; }
}

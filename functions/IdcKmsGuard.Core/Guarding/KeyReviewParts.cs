using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What the checks and remediations of one review found and did, gathered for one alert.</summary>
internal sealed record KeyReviewParts(IReadOnlyList<Finding> Findings)
{
    public IReadOnlyList<RemediationStep> Steps { get; init; } = [];

    public IReadOnlyList<Verification> Verifications { get; init; } = [];

    public IReadOnlyList<string> PolicyDiff { get; init; } = [];

    public IReadOnlyList<string> PolicyChange { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public KeySnapshot? After { get; init; }

    /// <summary>The live policy when the review judged it healthy: the one refused requests are asked about.</summary>
    public Policy.Model.KeyPolicy? JudgedPolicy { get; init; }

    /// <summary>The rules the review looked at, whatever their mode: what it can report on, and close when healthy.</summary>
    public RuleSet Considered { get; init; } = RuleSet.Empty;

    /// <summary>The state the first attempt at this event found, when an earlier attempt changed the key.</summary>
    public string? StateBefore { get; init; }

    /// <summary>Rules whose remediation the gate held back, with the outcome to report (alerted, dry-run, exempt).</summary>
    public IReadOnlyDictionary<string, AlertOutcome> Skipped { get; init; } = new Dictionary<string, AlertOutcome>(StringComparer.Ordinal);

    public Verification? Verification => Verifications.Count switch
    {
        0 => null,
        1 => Verifications[0],
        _ => new Verification(Verifications.All(v => v.Passed), string.Join(" ", Verifications.Select(v => v.Detail))),
    };

    /// <summary>The finding the alert is about: the most severe, an open one before a fixed one of equal severity.</summary>
    public Finding? Primary => Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Resolved).FirstOrDefault();

    /// <summary>
    /// What the guard achieved for the primary finding; lesser open findings are listed, not counted. A step that
    /// failed and was re-planned counts only through the verification that follows it.
    /// </summary>
    public AlertOutcome Outcome =>
        Verifications.Any(v => !v.Passed) || (Verifications.Count == 0 && Steps.Any(s => s.Status == StepStatus.Failed)) ? AlertOutcome.Failed
        : Primary is { Resolved: true } ? AlertOutcome.Fixed
        : Primary is { } open ? Skipped.GetValueOrDefault(open.RuleId, AlertOutcome.Alerted)
        : AlertOutcome.None;

    public KeyReviewParts WithSkipped(GuardRule rule, GateDecision decision, string action) => this with
    {
        Findings = decision.Finding is { } found && !Findings.Contains(found) ? [.. Findings, found] : Findings,
        Steps = [.. Steps, new RemediationStep(action, StepStatus.Skipped, decision.Reason)],
        Skipped = new Dictionary<string, AlertOutcome>(Skipped, StringComparer.Ordinal) { [rule.Id] = decision.SkippedOutcome },
    };

    public KeyReviewParts Considering(params GuardRule[] rules) => this with { Considered = Considered.Union(rules.Select(r => r.Id)) };

    public KeyReviewParts With(IEnumerable<Finding> findings) => this with { Findings = [.. Findings, .. findings] };

    /// <summary>
    /// Folds in what earlier attempts at the same event did to this scope: their changes come first in the steps
    /// (a failure this attempt made good is dropped), what they found and is no longer found is resolved, and the
    /// alert's "before" is what the first attempt saw.
    /// </summary>
    /// <param name="now">The state this attempt re-read, for the verification when no check of its own verified anything.</param>
    public KeyReviewParts WithEarlierWork(ScopeJournal earlier, string? now)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var fixedNow = Steps.Where(s => s.Status == StepStatus.Fixed).Select(s => s.Action).ToHashSet(StringComparer.Ordinal);
        var applied = earlier.Changes.Where(c => c.Status == ChangeStatus.Applied).ToList();
        var appliedActions = applied.Select(c => c.Action).ToHashSet(StringComparer.Ordinal);
        var earlierSteps = earlier.Changes
            .Where(c => c.Status != ChangeStatus.Failed || !(fixedNow.Contains(c.Action) || appliedActions.Contains(c.Action)))
            .Select(Delivery.ChangeJournal.ToStep)
            .ToList();
        if (earlierSteps.Count == 0)
        {
            return this with { StateBefore = earlier.StateBefore };
        }

        var open = Findings.Where(f => !f.Resolved).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var gone = earlier.Findings
            .Where(f => !open.Contains(f.RuleId) && !Findings.Any(e => e.RuleId == f.RuleId && e.Message == f.Message))
            .Select(f => f with { Resolved = true });
        var verifications = Verifications.Count > 0 || applied.Count == 0 || now is null
            ? Verifications
            : [new Verification(
                open.Count == 0,
                $"Re-read after an interrupted attempt: the key is {now}"
                + $"{(open.Count == 0 ? " and passes these checks." : ", still failing: " + string.Join(", ", open) + ".")}")];
        return this with
        {
            Findings = [.. gone, .. Findings],
            Steps = [.. earlierSteps, .. Steps],
            Verifications = verifications,
            StateBefore = earlier.StateBefore,
        };
    }

    public KeyReviewParts WithRemediation(
        IReadOnlyList<Finding> findings,
        IReadOnlyList<RemediationStep> steps,
        Verification verification,
        KeySnapshot? after) =>
        this with { Findings = findings, Steps = [.. Steps, .. steps], Verifications = [.. Verifications, verification], After = after };

    internal KeyReviewParts WithPolicy(PolicyReviewResult policy) => this with
    {
        Findings = [.. Findings, .. policy.Findings],
        Steps = [.. Steps, .. policy.Steps],
        Verifications = policy.Verification is { } verification ? [.. Verifications, verification] : Verifications,
        PolicyDiff = policy.Diff,
        PolicyChange = policy.PolicyChange,
        JudgedPolicy = policy.Judged,
        Skipped = policy.Skipped is { } skipped
            ? new Dictionary<string, AlertOutcome>(Skipped, StringComparer.Ordinal) { [Rules.RuleCatalog.KeyPolicyHealthy.Id] = skipped }
            : Skipped,
        Notes = [.. Notes, .. policy.Notes],
    };
}

using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// An event about a KMS key: find whether it is a key Identity Center uses (or a replica of one), finish what earlier
/// attempts left on it, and review it; a new replica or a moved primary has every Identity Center Region judged now.
/// </summary>
internal sealed class KeyEventReview(
    IIdentityCenter identityCenter,
    ProtectedKeyLocator locator,
    KeyInUseTracker keysInUse,
    KeyReview keyReview,
    Auditor auditor,
    AbandonedJournals abandoned,
    KeyReadsAhead keyReads)
{
    // The instances the last review in this process read: only a guess at which key the next event is about, since
    // every review reads them again before it decides.
    private IReadOnlyList<IdentityCenterInstance>? lastSeen;

    /// <summary>
    /// Starts, before the event is claimed, the reads its review begins with: the instances, and when the instances
    /// seen last name the event's key, that key's reads too (<see cref="KeyReadsAhead"/>).
    /// </summary>
    public void StartReads(GuardEvent guardEvent)
    {
        AheadReads.Instances(identityCenter).Start();
        if (lastSeen is { } seen && ProtectedKeyLocator.Guess(guardEvent, seen) is { } guess)
        {
            keyReads.Start(guess, lateReport: false);
        }
    }

    public async Task<KeyReviewResult> ReviewAsync(GuardEvent guardEvent, RemediationGate gate, InvocationBudget budget, bool lateReport)
    {
        var cancellationToken = budget.Work;
        var instances = await AheadReads.Instances(identityCenter).TakeAsync(cancellationToken).ConfigureAwait(false);
        lastSeen = instances;
        var key = await locator.LocateAsync(guardEvent, instances, keysInUse.PreviousAsync, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            var why = instances.Any(i => i.Encryption.UsesCustomerManagedKey)
                ? $"the event names {Describe(guardEvent.KeyRefs)}, not a key Identity Center uses"
                : "Identity Center uses no customer managed key";
            return KeyReviewResult.Quiet(Disposition.Ignored, why);
        }

        keyReads.Start(key, lateReport);
        gate.Causes.EventIsAbout(key.Target);

        if (!lateReport)
        {
            await abandoned.FinishAsync(key.Target.ToString(), guardEvent.EventId, budget).ConfigureAwait(false);
        }

        var review = await keyReview.ReviewAsync(guardEvent, key, gate, cancellationToken).ConfigureAwait(false);
        review = review with { Scope = State.IncidentScope.ForKey(key.Target) };
        return guardEvent.Trigger is Trigger.KeyReplicated or Trigger.KeyPrimaryRegionChanged
            ? await WithOtherRegionsAsync(review, guardEvent, key, gate, cancellationToken).ConfigureAwait(false)
            : review;
    }

    // A new replica, or a primary moved: the key's Regions changed, so every Identity Center Region is judged now,
    // not at the next sweep (which also repairs what it may).
    private async Task<KeyReviewResult> WithOtherRegionsAsync(
        KeyReviewResult review, GuardEvent guardEvent, ProtectedKey key, RemediationGate gate, CancellationToken cancellationToken)
    {
        var audit = await auditor.AuditAsync(key.Instance, gate.Configuration, cancellationToken).ConfigureAwait(false);
        review = review with { Considered = review.Considered.Union([RuleCatalog.KeyReplica.Id]) };
        var others = audit.Keys.Where(k => k.Arn != key.Target && k.Findings.Any(f => f.Severity >= Severity.Medium)).ToList();
        if (others.Count == 0)
        {
            return review;
        }

        var findings = others.SelectMany(k => k.Findings).Where(f => f.Severity >= Severity.Medium).ToList();
        if (review.Draft is { } draft)
        {
            return review with { Draft = draft with { Findings = [.. draft.Findings, .. findings] }, Scope = null };
        }

        // The alert covers several keys now: no single key's memory may take its findings.
        var added = AuditDrafts.ForKey(guardEvent, audit, others[0], findings);
        return new KeyReviewResult(Disposition.Alerted, added.Headline, added) { Scope = null, Considered = review.Considered };
    }

    private static string Describe(IReadOnlyList<string> keyRefs) =>
        keyRefs.Count == 0 ? "no key" : string.Join(", ", keyRefs);
}

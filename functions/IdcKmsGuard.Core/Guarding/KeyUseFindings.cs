using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Rules;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// KEY-USE-FAILING: AWS refused Identity Center, which is never wrong. The key review has re-read the key by now; this
/// says what was refused and whether the guard found (and fixed) the cause. When the key and its policy pass every
/// check, the engine is asked about the very request CloudTrail recorded: if it refuses that too, the recorded request
/// differs from what the guard models; if it allows it, the cause lies outside the key policy or the engine is wrong.
/// Either way the request is logged both ways (as recorded, as modelled) so the case can become a test.
/// </summary>
/// <param name="orgId">The organization, for the request's aws:SourceOrgID (null: unknown).</param>
internal sealed class KeyUseFindings(string? orgId, ILogger logger)
{
    private static readonly HashSet<string> NotCauses = new(StringComparer.Ordinal)
    {
        RuleCatalog.KeyUseFailing.Id, RuleCatalog.GuardAccess.Id, RuleCatalog.AttemptDenied.Id,
    };

    /// <summary>
    /// The refusal's finding, or none once its burst went quiet: then the key's own findings decide, and a healthy key
    /// closes the incident KEY-USE-FAILING opened.
    /// </summary>
    public KeyReviewParts Add(GuardEvent refused, KeyArn keyArn, KeyReviewParts parts, KeySnapshot? key, RemediationGate gate)
    {
        if (refused.Burst is { Phase: KeyUsePhase.Quiet })
        {
            return parts.Considering(RuleCatalog.KeyUseFailing);
        }

        var policyJudged = parts.Considered.Contains(RuleCatalog.KeyPolicyHealthy.Id) && gate.IsOn(RuleCatalog.KeyPolicyHealthy);
        return parts.With([For(refused, keyArn, parts, key, policyJudged)]).Considering(RuleCatalog.KeyUseFailing);
    }

    private Finding For(GuardEvent refused, KeyArn keyArn, KeyReviewParts parts, KeySnapshot? key, bool policyJudged)
    {
        var causes = parts.Findings.Where(f => !NotCauses.Contains(f.RuleId) && f.Severity >= Severity.Medium).ToList();
        var severity = refused.Actor.Kind == ActorType.AwsService ? Severity.Critical : Severity.High;
        var refusal = Describe(refused);
        if (causes.Count > 0)
        {
            var fixedAll = causes.All(f => f.Resolved) && parts.Verification is not { Passed: false };
            return new Finding(
                RuleCatalog.KeyUseFailing.Id,
                severity,
                $"{refusal} The cause the guard found: {string.Join(", ", causes.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))}"
                + (fixedAll ? ", repaired and verified." : "."),
                Resolved: fixedAll);
        }

        if (!policyJudged || parts.JudgedPolicy is not { } policy || parts.Findings.Any(f => f.RuleId == RuleCatalog.GuardAccess.Id))
        {
            return new Finding(
                RuleCatalog.KeyUseFailing.Id,
                severity,
                $"{refusal} The guard could not judge the key in full (its policy rules are off, or it could not read it): check "
                + "the key's state and policy by hand.");
        }

        var request = RefusedRequest.For(refused, keyArn, orgId);
        var decision = PolicyEvaluator.Evaluate(policy, request);
        LogBothWays(refused, key, decision);
        return decision.IsAllowed
            ? new Finding(
                RuleCatalog.KeyUseFailing.Id,
                severity,
                $"{refusal} The guard re-read the key: it is {key?.State.ToString() ?? "unreadable"}, and the policy engine finds that the key "
                + $"policy allows every request Identity Center makes, this very request too ({Verdict(decision)}). So the cause lies outside "
                + "the key policy (a grant, a service or resource control policy, a VPC endpoint policy, the replica's state), or the engine "
                + "is wrong: the guard logged the request (KeyUseUnexplained) to make it a test case.")
            : new Finding(
                RuleCatalog.KeyUseFailing.Id,
                severity,
                $"{refusal} The key policy allows the requests the guard expects of Identity Center, but not this one as CloudTrail recorded "
                + $"it ({Verdict(decision)}): the caller or its context differs from the documented ones. Compare the request in the guard's log "
                + "(KeyUseUnexplained) with the policy's conditions, and widen the statement that should allow it.");
    }

    private void LogBothWays(GuardEvent refused, KeySnapshot? key, PolicyDecision decision) =>
        logger.LogWarning(
            "KeyUseUnexplained: KMS refused {Action} ({ErrorCode}: {ErrorMessage}) by {Caller} via {InvokedBy} in {Region} with context {Context}, "
            + "yet the key is {KeyState} and the policy engine allows every request Identity Center makes. Modelled as {Principal} {ModelledAction} "
            + "with {ModelledContext}, the engine decides {Decision}. Event {EventId}: {Raw}",
            refused.EventName,
            refused.ErrorCode,
            refused.ErrorMessage,
            refused.Actor.Arn ?? refused.Actor.InvokedBy,
            refused.Actor.InvokedBy,
            refused.Region,
            refused.EncryptionContextText,
            key?.State.ToString() ?? "unread",
            decision.Request.Principal.Display,
            decision.Request.Action,
            string.Join(", ", decision.Request.Context.Keys.Order(StringComparer.Ordinal)
                .Select(k => $"{k}={string.Join("|", decision.Request.Context.Get(k) ?? [])}")),
            Verdict(decision),
            refused.EventId,
            refused.Raw);

    private static string Verdict(PolicyDecision decision)
    {
        var by = decision.DecidedBy.Count == 0 ? "no statement applies" : $"by {string.Join(", ", decision.DecidedBy.Select(s => s.Label))}";
        return $"{decision.Decision} {by}";
    }

    private static string Describe(GuardEvent refused)
    {
        var who = refused.Actor.Arn is { } caller ? $"{caller} through {refused.Actor.InvokedBy}" : refused.Actor.InvokedBy;
        var context = refused.EncryptionContext is { Count: > 0 } ? $", encryption context {refused.EncryptionContextText}" : string.Empty;
        var burst = refused.Burst is { } counted ? $" In all, {counted.Describe()}" : string.Empty;
        return $"KMS refused {refused.EventName} by {who} with {refused.ErrorCode} in {refused.Region ?? "an unknown Region"}{context}.{burst}";
    }
}

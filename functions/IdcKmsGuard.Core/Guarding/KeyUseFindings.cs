using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// KEY-USE-FAILING: AWS refused Identity Center, which is never wrong. The key review has re-read the key by now; this
/// says what was refused and whether the guard found (and fixed) the cause. When it found none, the cause lies
/// outside what the guard models, or the policy engine is wrong: the request is logged so the case can become a test.
/// </summary>
internal static class KeyUseFindings
{
    private static readonly HashSet<string> NotCauses = new(StringComparer.Ordinal)
    {
        RuleCatalog.KeyUseFailing.Id, RuleCatalog.GuardAccess.Id, RuleCatalog.AttemptDenied.Id,
    };

    /// <summary>
    /// The refusal's finding, or none once its burst went quiet: then the key's own findings decide, and a healthy key
    /// closes the incident KEY-USE-FAILING opened.
    /// </summary>
    public static KeyReviewParts Add(GuardEvent refused, KeyReviewParts parts, KeySnapshot? key, RemediationGate gate, ILogger logger)
    {
        if (refused.Burst is { Phase: KeyUsePhase.Quiet })
        {
            return parts.Considering(RuleCatalog.KeyUseFailing);
        }

        var policyJudged = parts.Considered.Contains(RuleCatalog.KeyPolicyHealthy.Id) && gate.IsOn(RuleCatalog.KeyPolicyHealthy);
        return parts.With([For(refused, parts, key, policyJudged, logger)]).Considering(RuleCatalog.KeyUseFailing);
    }

    /// <param name="policyJudged">The review ran the policy engine on the key (its policy rules are on and it could read).</param>
    public static Finding For(GuardEvent refused, KeyReviewParts parts, KeySnapshot? key, bool policyJudged, ILogger logger)
    {
        var causes = parts.Findings.Where(f => !NotCauses.Contains(f.RuleId) && f.Severity >= Severity.Medium).ToList();
        var severity = refused.Actor.Kind == ActorType.AwsService ? Severity.Critical : Severity.High;
        var refusal = Describe(refused);
        if (causes.Count == 0 && (!policyJudged || parts.Findings.Any(f => f.RuleId == RuleCatalog.GuardAccess.Id)))
        {
            return new Finding(
                RuleCatalog.KeyUseFailing.Id,
                severity,
                $"{refusal} The guard could not judge the key in full (its policy rules are off, or it could not read it): check "
                + "the key's state and policy by hand.");
        }

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

        logger.LogWarning(
            "KeyUseUnexplained: KMS refused {Action} ({ErrorCode}: {ErrorMessage}) by {Caller} via {InvokedBy} in {Region} with context {Context}, "
            + "yet the key is {KeyState} and the policy engine allows every request Identity Center makes. Event {EventId}: {Raw}",
            refused.EventName,
            refused.ErrorCode,
            refused.ErrorMessage,
            refused.Actor.Arn ?? refused.Actor.InvokedBy,
            refused.Actor.InvokedBy,
            refused.Region,
            refused.EncryptionContextText,
            key?.State.ToString() ?? "unread",
            refused.EventId,
            refused.Raw);
        return new Finding(
            RuleCatalog.KeyUseFailing.Id,
            severity,
            $"{refusal} The guard re-read the key: it is {key?.State.ToString() ?? "unreadable"}, and the policy engine finds that the key "
            + "policy allows every request Identity Center makes. So the cause lies outside the key policy (a grant, a service or "
            + "resource control policy, a VPC endpoint policy, the replica's state), or the engine is wrong: the guard logged the "
            + "request (KeyUseUnexplained) to make it a test case.");
    }

    private static string Describe(GuardEvent refused)
    {
        var who = refused.Actor.Arn is { } caller ? $"{caller} through {refused.Actor.InvokedBy}" : refused.Actor.InvokedBy;
        var context = refused.EncryptionContext is { Count: > 0 } ? $", encryption context {refused.EncryptionContextText}" : string.Empty;
        var burst = refused.Burst is { } counted ? $" In all, {counted.Describe()}" : string.Empty;
        return $"KMS refused {refused.EventName} by {who} with {refused.ErrorCode} in {refused.Region ?? "an unknown Region"}{context}.{burst}";
    }
}

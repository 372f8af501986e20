using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Automatic rotation of the key: re-read, turned back on where the gate allows it, and re-read to verify.</summary>
internal sealed class RotationReview(IKeyStore keys)
{
    public async Task<KeyReviewParts> ReviewAsync(KeyReviewParts parts, KeyCheck check, CancellationToken cancellationToken)
    {
        var (_, key, before, gate) = check;
        var rotating = await keys.IsRotationEnabledAsync(key.Target, cancellationToken).ConfigureAwait(false);
        await gate.Causes.SawAsync(key.Target, KeySubjects.Rotation, KeySubjects.RotationValue(rotating), cancellationToken).ConfigureAwait(false);
        if (rotating)
        {
            return parts;
        }

        var finding = KeyStateRules.Violation(RuleCatalog.KeyRotation, "Automatic rotation of the key is turned off.");
        var decision = await gate.DecideAsync(RuleCatalog.KeyRotation, key.Target, "turned automatic rotation back on", cancellationToken)
            .ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return parts.With([finding]).WithSkipped(RuleCatalog.KeyRotation, decision, "EnableKeyRotation");
        }

        var context = new ChangeContext(key.Target.ToString(), before.State.ToString(), [.. parts.Findings, finding]);
        var step = await gate.Changes.ApplyAsync(context, RemediationActions.EnableKeyRotation(keys, key.Target), cancellationToken).ConfigureAwait(false);
        if (step.Status == StepStatus.Fixed)
        {
            gate.Causes.Made(key.Target, KeySubjects.Rotation, KeySubjects.RotationValue(enabled: true), step.Action);
        }

        var enabled = await keys.IsRotationEnabledAsync(key.Target, cancellationToken).ConfigureAwait(false);
        await gate.Causes.SawAsync(key.Target, KeySubjects.Rotation, KeySubjects.RotationValue(enabled), cancellationToken).ConfigureAwait(false);
        var verification = new Verification(enabled, enabled ? "Re-read the rotation status: enabled." : "Re-read the rotation status: still disabled.");
        return parts.WithRemediation([.. parts.Findings, finding with { Resolved = enabled }], [step], verification, parts.After);
    }
}

using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// IDC-ENCRYPTION-APPROVED's opt-in remediation: switch Identity Center back to an approved key, but only to one
/// that passes every critical check now (state, kind, policy); switching to a key that cannot serve would lock
/// everyone out, which is worse than the violation.
/// </summary>
internal sealed class EncryptionRemediator(IIdentityCenter identityCenter, IKeyStore keys, GuardOptions options, PolicyReview policyReview)
{
    private const string Action = "UpdateInstance";

    public async Task<KeyReviewParts> SwitchBackAsync(
        KeyReviewParts parts,
        GuardEvent guardEvent,
        IdentityCenterInstance instance,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var rule = RuleCatalog.EncryptionApproved;
        if (gate.Precheck(rule) is { } refused)
        {
            return parts.WithSkipped(rule, refused, Action);
        }

        if (!options.MaySwitchEncryption)
        {
            return parts.WithSkipped(
                rule,
                GateDecision.Skip(
                    AlertOutcome.Alerted,
                    "Not done: this deployment may not switch Identity Center's key (deploy with EncryptionRemediation=enabled to allow it)."),
                Action);
        }

        if ((instance.PrimaryRegion ?? guardEvent.Region) is not { } region)
        {
            return parts.WithSkipped(rule, GateDecision.Skip(AlertOutcome.Alerted, "Not done: the instance's Region is unknown."), Action);
        }

        var candidates = Candidates(instance, region, Targets(gate.Configuration));
        if (candidates.Count == 0)
        {
            return parts.WithSkipped(rule, GateDecision.Skip(AlertOutcome.Alerted, NoCandidate(instance, region)), Action);
        }

        var refusals = new List<string>();
        foreach (var candidate in candidates)
        {
            var problems = await CriticalProblemsAsync(guardEvent, instance, candidate, gate.Configuration, cancellationToken).ConfigureAwait(false);
            if (problems.Count == 0)
            {
                return await SwitchAsync(parts, instance, candidate, gate, cancellationToken).ConfigureAwait(false);
            }

            refusals.Add($"{candidate}: {string.Join(" ", problems)}");
        }

        return parts.WithSkipped(
            rule,
            GateDecision.Skip(
                AlertOutcome.Alerted,
                "Not done: no approved key passes every critical check, and switching to one that fails would lock everyone out. "
                + $"{string.Join(" ", refusals)}"),
            Action);
    }

    // The deployment's targets that the configuration also approves; without them, the configuration's approved keys.
    private IEnumerable<KeyArn> Targets(GuardConfiguration configuration) =>
        options.SwitchTargets is { } pinned
            ? pinned.Where(configuration.Approves)
            : configuration.ApprovedKeys.Select(a => KeyArn.TryParse(a, out var arn) ? arn : null).OfType<KeyArn>();

    private string NoCandidate(IdentityCenterInstance instance, string region) => options.SwitchTargets switch
    {
        { Count: 0 } => "Not done: this deployment names no key the guard may switch Identity Center to (stack parameter "
            + "SwitchTargetKeys); a key approved only in the configuration is never a target.",
        { } => "Not done: no key of the deployment's SwitchTargetKeys is approved by the configuration and in account "
            + $"{instance.OwnerAccountId}, {region}, where Identity Center needs its key.",
        null => $"Not done: no approved key is in account {instance.OwnerAccountId}, {region}, where Identity Center needs its key.",
    };

    // In the given order; an approved multi-Region key counts through its replica in the instance's Region.
    private static List<KeyArn> Candidates(IdentityCenterInstance instance, string region, IEnumerable<KeyArn> targets) =>
        targets
            .Where(a => instance.OwnerAccountId.Length == 0 || a.Account == instance.OwnerAccountId)
            .Select(a => a.Region == region ? a : a.IsMultiRegion ? a.InRegion(region) : null)
            .OfType<KeyArn>()
            .Where(a => instance.Encryption.KmsKeyArn != a)
            .Distinct()
            .ToList();

    private async Task<IReadOnlyList<string>> CriticalProblemsAsync(
        GuardEvent guardEvent,
        IdentityCenterInstance instance,
        KeyArn candidate,
        GuardConfiguration configuration,
        CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await keys.DescribeKeyAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (snapshot is null)
            {
                return ["it does not exist."];
            }

            var blocking = KeyStateRules.Evaluate(snapshot, candidate)
                .Concat(KeySpecRules.Evaluate(snapshot, instance).Where(f => f.Severity >= Severity.High))
                .ToList();
            if (blocking.Count == 0)
            {
                var policy = await policyReview.ReviewAsync(
                    guardEvent,
                    new ProtectedKey(instance, candidate, candidate),
                    configuration,
                    gate: null,
                    cancellationToken).ConfigureAwait(false);
                blocking.AddRange(policy.Findings.Where(f => f.Severity == Severity.Critical));
            }

            return blocking.Select(f => f.Message).ToList();
        }
        catch (AwsCallException e) when (e.IsAccessDenied)
        {
            return [$"the guard may not check it ({e.Operation}: {e.ErrorCode})."];
        }
    }

    private async Task<KeyReviewParts> SwitchAsync(
        KeyReviewParts parts,
        IdentityCenterInstance instance,
        KeyArn target,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var rule = RuleCatalog.EncryptionApproved;
        var decision = await gate.DecideAsync(
            rule,
            target,
            $"switched Identity Center back to the approved key {target}, which passes every critical check",
            cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return parts.WithSkipped(rule, decision, Action);
        }

        var done = $"Switched Identity Center back to the approved key {target}, after checking that it passes every critical check.";
        var context = new ChangeContext(instance.InstanceArn, instance.Encryption.Status.ToString(), parts.Findings);
        var step = await gate.Changes.ApplyAsync(
            context,
            RemediationActions.UpdateInstance(identityCenter, instance.InstanceArn, target, done),
            cancellationToken).ConfigureAwait(false);
        if (step.Status == StepStatus.Failed)
        {
            return parts.WithRemediation(parts.Findings, [step], new Verification(false, "Identity Center was not switched back."), parts.After);
        }

        var now = (await identityCenter.DescribeInstanceAsync(instance.InstanceArn, cancellationToken).ConfigureAwait(false)).Encryption;
        var verification = now switch
        {
            { KmsKeyArn: { } key, Status: EncryptionStatus.Enabled } when key == target =>
                new Verification(true, $"Re-read the instance: it uses {target}, ENABLED."),
            { KmsKeyArn: { } key, Status: EncryptionStatus.Updating } when key == target =>
                new Verification(
                    true,
                    $"Re-read the instance: the switch to {target} is under way (UPDATING); "
                    + "Identity Center keeps the previous key until it completes."),
            { Status: EncryptionStatus.UpdateFailed } =>
                new Verification(false, $"Re-read the instance: the switch failed (UPDATE_FAILED: {now.StatusReason ?? "no reason given"})."),
            _ => new Verification(false, $"Re-read the instance: it uses {now.Describe()}, status {now.Status}, not {target}."),
        };
        var findings = parts.Findings.Select(f => f.RuleId == rule.Id ? f with { Resolved = verification.Passed } : f).ToList();
        return parts.WithRemediation(findings, [step], verification, parts.After);
    }
}

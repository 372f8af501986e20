using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Switching;

/// <summary>
/// Switches Identity Center to another key the safe way (Part 3 of the setup): a preflight that judges the new key as
/// the guard would once it is in use, then UpdateInstance, then DescribeInstance until ENABLED or UPDATE_FAILED.
/// </summary>
public sealed class KeySwitcher(IIdentityCenter identityCenter, Auditor auditor, TimeProvider time, IKeyStore keys)
{
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(30);

    /// <param name="instanceArn">Null: the one organization instance visible to the caller.</param>
    /// <exception cref="SwitchException">No instance, or several and none chosen.</exception>
    public async Task<SwitchPreflight> PreflightAsync(KeyArn target, string? instanceArn, GuardConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var current = await InstanceAsync(instanceArn, cancellationToken).ConfigureAwait(false);
        var proposed = current with { Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, target, EncryptionStatus.Enabled, null) };
        // Rule modes tune the guard's alerts; they never make an unusable key acceptable here.
        var audit = await auditor.AuditAsync(
            proposed,
            configuration with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) },
            cancellationToken).ConfigureAwait(false);
        // The switch marks every key it checks (MarkGuardedAsync): a key not marked yet is not a reason to refuse.
        var unmarked = audit.Keys.Select(k => KeyStateRules.NotMarked(k.Arn)).ToHashSet();
        var findings = audit.AllFindings.Where(f => !unmarked.Contains(f)).ToList();
        return new SwitchPreflight(current, audit, [.. findings.Where(f => f.Severity >= Severity.High)], [.. findings.Where(f => f.Severity < Severity.High)]);
    }

    /// <summary>Marks the key and each replica the preflight found as guarded, so the guard's role may repair them.</summary>
    /// <returns>The keys marked.</returns>
    public async Task<IReadOnlyList<KeyArn>> MarkGuardedAsync(SwitchPreflight preflight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preflight);
        var marked = new List<KeyArn>();
        foreach (var key in preflight.Audit.Keys.Where(k => k.Snapshot is not null))
        {
            await keys.MarkGuardedAsync(key.Arn, cancellationToken).ConfigureAwait(false);
            marked.Add(key.Arn);
        }

        return marked;
    }

    /// <param name="target">Null: back to an AWS owned key.</param>
    /// <param name="progress">Told each status DescribeInstance shows, with the time since the switch.</param>
    /// <exception cref="SwitchException">A switch is already UPDATING.</exception>
    public async Task<SwitchOutcome> SwitchAsync(
        IdentityCenterInstance current,
        KeyArn? target,
        TimeSpan pollEvery,
        TimeSpan waitAtMost,
        Action<EncryptionConfiguration, TimeSpan> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(progress);
        if (Uses(current.Encryption, target) && current.Encryption.Status == EncryptionStatus.Enabled)
        {
            return new SwitchOutcome(SwitchResult.AlreadyInUse, current.Encryption, TimeSpan.Zero);
        }

        if (current.Encryption.Status == EncryptionStatus.Updating)
        {
            throw new SwitchException(
                $"A switch to {current.Encryption.Describe()} is still UPDATING: "
                + "wait for it to finish (aws sso-admin describe-instance), then try again.");
        }

        var started = time.GetUtcNow();
        var before = current.Encryption;
        await (target is null
            ? identityCenter.SwitchToAwsOwnedKeyAsync(current.InstanceArn, cancellationToken)
            : identityCenter.SwitchToCustomerManagedKeyAsync(current.InstanceArn, target, cancellationToken)).ConfigureAwait(false);
        while (true)
        {
            var encryption = (await identityCenter.DescribeInstanceAsync(current.InstanceArn, cancellationToken).ConfigureAwait(false)).Encryption;
            var elapsed = time.GetUtcNow() - started;
            progress(encryption, elapsed);

            // DescribeInstance may still show the state from before the request for a moment.
            var notStarted = encryption == before && elapsed < StartGrace;
            switch (encryption.Status)
            {
                case var _ when notStarted:
                    break;
                case EncryptionStatus.Enabled when Uses(encryption, target):
                    return new SwitchOutcome(SwitchResult.Switched, encryption, elapsed);
                case EncryptionStatus.UpdateFailed:
                    return new SwitchOutcome(SwitchResult.Failed, encryption, elapsed);
                case EncryptionStatus.Enabled:
                    // ENABLED with another key: another switch overtook this one, or it failed without saying so.
                    return new SwitchOutcome(
                        SwitchResult.Failed,
                        encryption with { StatusReason = $"Identity Center shows ENABLED with {encryption.Describe()}, not the requested key." },
                        elapsed);
            }

            if (elapsed >= waitAtMost)
            {
                return new SwitchOutcome(SwitchResult.StillUpdating, encryption, elapsed);
            }

            await Task.Delay(pollEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Uses(EncryptionConfiguration encryption, KeyArn? target) =>
        target is null ? encryption.KeyType == EncryptionKeyType.AwsOwnedKmsKey : encryption.KmsKeyArn == target;

    /// <summary>The instance to switch, as DescribeInstance shows it now.</summary>
    /// <exception cref="SwitchException">No instance, or several and none chosen.</exception>
    public async Task<IdentityCenterInstance> InstanceAsync(string? instanceArn, CancellationToken cancellationToken)
    {
        if (instanceArn is not null)
        {
            return await identityCenter.DescribeInstanceAsync(instanceArn, cancellationToken).ConfigureAwait(false);
        }

        var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
        return instances.Count switch
        {
            0 => throw new SwitchException("No IAM Identity Center instance is visible to this caller in this Region."),
            1 => instances[0],
            _ => throw new SwitchException(
                $"{instances.Count} instances are visible; choose one with --instance-arn "
                + $"({string.Join(", ", instances.Select(i => i.InstanceArn))})."),
        };
    }
}

using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Auditing;

/// <summary>
/// Reads, never changes: every instance's encryption configuration, then the key it names and the replica in each
/// of its other Regions (state, spec, rotation on the primary, and the policy judged for that Region's requests).
/// The CLI's audit and the scheduled sweep both start here.
/// </summary>
public sealed class Auditor(IIdentityCenter identityCenter, IKeyStore keys, GuardOptions options, TimeProvider time)
{
    public async Task<AuditReport> AuditAsync(GuardConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
        var audits = new List<InstanceAudit>(instances.Count);
        foreach (var instance in instances)
        {
            audits.Add(await AuditAsync(instance, configuration, cancellationToken).ConfigureAwait(false));
        }

        return new AuditReport(audits, time.GetUtcNow());
    }

    public async Task<InstanceAudit> AuditAsync(IdentityCenterInstance instance, GuardConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(configuration);
        var (findings, notes) = EncryptionFindings(instance, configuration);
        if (instance.Encryption.KmsKeyArn is not { } inUse || instance.Encryption.KeyType != EncryptionKeyType.CustomerManagedKey)
        {
            return new InstanceAudit(instance, On(configuration, findings), [], notes);
        }

        var audited = new List<AuditedKey>
        {
            await AuditKeyAsync(instance, inUse, inUse, KeyRole.Primary, configuration, cancellationToken).ConfigureAwait(false),
        };
        foreach (var region in instance.AdditionalRegions)
        {
            audited.Add(inUse.IsMultiRegion
                ? await AuditKeyAsync(instance, inUse, inUse.InRegion(region), KeyRole.Replica, configuration, cancellationToken).ConfigureAwait(false)
                : new AuditedKey(
                    region,
                    KeyRole.Replica,
                    inUse.InRegion(region),
                    null,
                    null,
                    null,
                    On(configuration, [KeyStateRules.Violation(
                        RuleCatalog.KeyReplica,
                        $"Identity Center runs in {region} too, but its key {inUse} is a single-Region key: "
                        + "it cannot have a replica there. Switch to a multi-Region key with a replica in every Identity Center Region.")])));
        }

        return new InstanceAudit(instance, On(configuration, findings), audited, notes);
    }

    private async Task<AuditedKey> AuditKeyAsync(
        IdentityCenterInstance instance,
        KeyArn inUse,
        KeyArn target,
        KeyRole role,
        GuardConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var prefix = role == KeyRole.Replica ? $"Replica in {target.Region}: " : string.Empty;
        KeySnapshot? snapshot;
        try
        {
            snapshot = await keys.DescribeKeyAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e)
        {
            // One Region failing (an opt-in Region not enabled, throttling, an outage) must not hide the others.
            return new AuditedKey(target.Region, role, target, null, null, null, On(configuration, [GuardCannot(prefix, target, e)])) { Failures = [e] };
        }

        if (snapshot is null)
        {
            var missing = role == KeyRole.Replica
                ? KeyStateRules.Violation(
                    RuleCatalog.KeyReplica,
                    $"Identity Center runs in {target.Region}, but the key has no replica there ({target} does not exist).")
                : KeyStateRules.Evaluate(null, target)[0];
            return new AuditedKey(target.Region, role, target, null, null, null, On(configuration, [missing]));
        }

        var findings = new List<Finding>(KeyStateRules.Evaluate(snapshot, target).Select(f => f with { Message = prefix + f.Message }));
        if (role == KeyRole.Primary)
        {
            findings.AddRange(KeySpecRules.Evaluate(snapshot, instance));
        }

        bool? rotation = null;
        PolicyReport? report = null;
        string? text = null;
        AwsCallException? failure = null;
        try
        {
            if (role == KeyRole.Primary && snapshot.Origin == KeySpecRules.KmsOrigin)
            {
                rotation = await keys.IsRotationEnabledAsync(target, cancellationToken).ConfigureAwait(false);
                if (rotation == false)
                {
                    findings.Add(KeyStateRules.Violation(RuleCatalog.KeyRotation, "Automatic rotation is off on the key."));
                }
            }

            // Without the mark the guard may change nothing on the key, and a suspension "for ever" would stop it for
            // good: standing problems, found by every audit.
            var tags = await keys.GetTagsAsync(target, cancellationToken).ConfigureAwait(false);
            if (!GuardedKeyTag.IsMarked(tags))
            {
                findings.Add(KeyStateRules.NotMarked(target));
            }

            if (SuspendTag.TooLong(tags, configuration.SuspendTagKey, time.GetUtcNow(), options.MaxSuspension) is { } until)
            {
                findings.Add(KeyStateRules.SuspendedTooLong(target, configuration.SuspendTagKey, until, options.MaxSuspension));
            }

            text = await keys.GetKeyPolicyAsync(target, cancellationToken).ConfigureAwait(false);
            var facts = RequiredAccess.For(options, new ProtectedKey(instance, inUse, target), configuration);
            report = PolicyChecker.Check(KeyPolicyParser.Parse(text), facts);
            findings.AddRange(PolicyFindingRules.Findings(report).Select(f => f with { Message = prefix + f.Message }));
        }
        catch (PolicyParseException e)
        {
            findings.Add(KeyStateRules.Violation(
                RuleCatalog.KeyPolicyHealthy,
                $"{prefix}The policy KMS holds cannot be read ({e.Message}); check it by hand."));
        }
        catch (AwsCallException e)
        {
            findings.Add(GuardCannot(prefix, target, e));
            failure = e;
        }

        return new AuditedKey(target.Region, role, target, snapshot, rotation, report, On(configuration, findings))
        {
            Failures = failure is null ? [] : [failure],
            PolicyText = text,
        };
    }

    private static (List<Finding> Findings, List<string> Notes) EncryptionFindings(IdentityCenterInstance instance, GuardConfiguration configuration)
    {
        var findings = new List<Finding>();
        var notes = new List<string>();
        var encryption = instance.Encryption;
        switch (encryption.Status)
        {
            case EncryptionStatus.UpdateFailed:
                findings.Add(KeyStateRules.Violation(
                    RuleCatalog.EncryptionStatus,
                    $"The last switch of key failed (UPDATE_FAILED): {encryption.StatusReason ?? "no reason given"}. "
                    + "The previous key is still in use."));
                break;
            case EncryptionStatus.Updating:
                notes.Add($"A switch to {encryption.Describe()} is still UPDATING: the previous key stays in use until it completes.");
                break;
        }

        if (!encryption.UsesCustomerManagedKey)
        {
            if (configuration.RequireCustomerManagedKey)
            {
                findings.Add(KeyStateRules.Violation(
                    RuleCatalog.EncryptionApproved,
                    $"Identity Center encrypts with {encryption.Describe()}; the configuration requires a customer managed key."));
            }
            else
            {
                notes.Add($"Identity Center encrypts with {encryption.Describe()}; the configuration allows it.");
            }
        }
        else if (!configuration.Approves(encryption.KmsKeyArn!))
        {
            findings.Add(KeyStateRules.Violation(
                RuleCatalog.EncryptionApproved,
                $"Identity Center uses {encryption.KmsKeyArn}, which is not on the approved list "
                + $"({string.Join(", ", configuration.ApprovedKeys)})."));
        }

        return (findings, notes);
    }

    private static Finding GuardCannot(string prefix, KeyArn key, AwsCallException e) =>
        KeyStateRules.Violation(RuleCatalog.GuardAccess, e.IsAccessDenied
            ? $"{prefix}The caller may not {e.Operation} on {key} ({e.ErrorCode}): this part was not checked."
            : $"{prefix}{e.Operation} on {key} failed after retries ({e.ErrorCode}: {e.ErrorMessage}): this part was not checked.");

    private static List<Finding> On(GuardConfiguration configuration, IEnumerable<Finding> findings) =>
        [.. findings.Where(f => configuration.ModeOf(f.RuleId) != RuleMode.Off)];
}

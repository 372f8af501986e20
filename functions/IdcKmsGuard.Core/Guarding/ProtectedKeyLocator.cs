using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Decides whether an event concerns a key Identity Center uses, replicas included.</summary>
internal sealed class ProtectedKeyLocator(IKeyStore keys)
{
    /// <param name="previousKey">The key Identity Center still uses mid-switch or after a failed one, when known and not
    /// the one DescribeInstance names (<see cref="KeyInUseTracker.PreviousAsync"/>).</param>
    public async Task<ProtectedKey?> LocateAsync(
        GuardEvent guardEvent,
        IReadOnlyList<IdentityCenterInstance> instances,
        Func<IdentityCenterInstance, CancellationToken, Task<KeyArn?>>? previousKey,
        CancellationToken cancellationToken)
    {
        var inUse = new List<(IdentityCenterInstance Instance, KeyArn Key)>();
        foreach (var instance in instances)
        {
            var previous = previousKey is null ? null : await previousKey(instance, cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                inUse.Add((instance, previous));
            }

            // After a failed switch the named key is not in use; it is guarded only when the previous key is unknown,
            // since then it may be the one that is.
            if (instance.Encryption.UsesCustomerManagedKey && !(instance.Encryption.Status == EncryptionStatus.UpdateFailed && previous is not null))
            {
                inUse.Add((instance, instance.Encryption.KmsKeyArn!));
            }
        }

        if (inUse.Count == 0)
        {
            return null;
        }

        var references = guardEvent.KeyRefs.Select(KeyReference.Classify).ToList();
        foreach (var reference in references.Where(r => !r.IsAlias))
        {
            if (Match(reference, guardEvent.Region, inUse) is { } match)
            {
                return match;
            }
        }

        // Aliases cost a DescribeKey each, so they are resolved only when nothing else named the key.
        foreach (var alias in references.Where(r => r.IsAlias))
        {
            var region = AliasRegion(alias) ?? guardEvent.Region;
            if (region is null)
            {
                continue;
            }

            var resolved = await keys.ResolveAliasAsync(region, alias.Value, cancellationToken).ConfigureAwait(false);
            if (resolved is not null && Match(KeyReference.Classify(resolved.Arn.ToString()), region, inUse) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>
    /// The key the event names among the keys <paramref name="instances"/> name, found without a call (no alias is
    /// resolved, no previous key looked up): a guess at what <see cref="LocateAsync"/> finds, for reads started ahead.
    /// </summary>
    public static ProtectedKey? Guess(GuardEvent guardEvent, IReadOnlyList<IdentityCenterInstance> instances)
    {
        var inUse = instances.Where(i => i.Encryption.UsesCustomerManagedKey).Select(i => (i, i.Encryption.KmsKeyArn!)).ToList();
        return guardEvent.KeyRefs.Select(KeyReference.Classify)
            .Where(r => !r.IsAlias)
            .Select(r => Match(r, guardEvent.Region, inUse))
            .FirstOrDefault(match => match is not null);
    }

    private static ProtectedKey? Match(KeyReference reference, string? eventRegion, List<(IdentityCenterInstance Instance, KeyArn Key)> keys)
    {
        foreach (var (instance, key) in keys)
        {
            switch (reference.Kind)
            {
                case KeyReferenceKind.KeyArn when reference.Arn!.KeyId == key.KeyId && reference.Arn.Account == key.Account:
                    return new ProtectedKey(instance, key, key.IsMultiRegion ? reference.Arn : key);
                case KeyReferenceKind.KeyId when reference.Value == key.KeyId:
                    var target = key.IsMultiRegion && eventRegion is not null ? key.InRegion(eventRegion) : key;
                    return new ProtectedKey(instance, key, target);
            }
        }

        return null;
    }

    private static string? AliasRegion(KeyReference alias) =>
        alias.Kind == KeyReferenceKind.AliasArn ? alias.Value.Split(':')[3] : null;
}

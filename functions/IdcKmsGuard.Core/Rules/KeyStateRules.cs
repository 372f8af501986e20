using System.Globalization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Rules;

/// <summary>What a key's state means for Identity Center, as findings.</summary>
internal static class KeyStateRules
{
    /// <summary>The rules a read of the key's state checks.</summary>
    public static RuleSet Checks { get; } =
        RuleSet.Of(RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyMaterial, RuleCatalog.KeyDeleted);

    public static IReadOnlyList<Finding> Evaluate(KeySnapshot? key, KeyArn arn)
    {
        if (key is null)
        {
            return [Violation(RuleCatalog.KeyDeleted, $"The key {arn} no longer exists. Identity Center cannot decrypt its identity data.")];
        }

        return key.State switch
        {
            KeyState.Disabled =>
                [Violation(
                    RuleCatalog.KeyEnabled,
                    "Found the key Disabled: Identity Center cannot decrypt its data, so workforce users and administrators cannot sign in.")],
            KeyState.PendingDeletion or KeyState.PendingReplicaDeletion =>
                [Violation(
                    RuleCatalog.KeyNotPendingDeletion,
                    $"Found the key {key.State}: it will be deleted for good{DeletionDate(key)}, "
                    + "and it is unusable until the deletion is cancelled and the key enabled.")],
            KeyState.PendingImport =>
                [Violation(
                    RuleCatalog.KeyMaterial,
                    "Found the key PendingImport: its imported material was deleted or expired, so it cannot encrypt or decrypt.")],
            KeyState.Unavailable =>
                [Violation(RuleCatalog.KeyEnabled, "Found the key Unavailable: its custom key store is disconnected.")],
            _ => [],
        };
    }

    public static bool CanRestore(KeySnapshot key) =>
        key.State is KeyState.Disabled or KeyState.PendingDeletion or KeyState.PendingReplicaDeletion;

    public static Finding Violation(GuardRule rule, string message) => new(rule.Id, rule.Severity, message);

    private static string DeletionDate(KeySnapshot key) =>
        key.DeletionDate is { } date ? " on " + date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : string.Empty;
}

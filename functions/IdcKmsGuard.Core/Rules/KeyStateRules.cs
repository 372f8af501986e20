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

    /// <summary>The key's suspend tag asks for longer than a suspension may last: the guard ignores it.</summary>
    public static Finding SuspendedTooLong(KeyArn key, string tagKey, DateTimeOffset until, TimeSpan longest) =>
        Violation(
            RuleCatalog.GuardAccess,
            $"The key {key} carries {tagKey} = {until:yyyy-MM-dd HH:mm} UTC, longer than the {longest.TotalDays:0} days a suspension may last: "
            + "the guard ignores it and remediates the key. Set a nearer time for maintenance, or ask who set it (CloudTrail TagResource).");

    /// <summary>The key lacks the guarded tag: the guard's role may change nothing on it (the audit and the gate say
    /// it alike, so that one alert names it once).</summary>
    public static Finding NotMarked(KeyArn key)
    {
        var mark = $"{GuardedKeyTag.Key}={GuardedKeyTag.Value}";
        return Violation(
            RuleCatalog.GuardAccess,
            $"The key {key} lacks the tag {mark}: the guard's role may not change it, so it only reports. If this is Identity Center's key, mark it: "
            + $"{GuardedKeyTag.MarkCommand(key)}. If the tag was removed on purpose, ask who removed it (CloudTrail UntagResource).");
    }

    private static string DeletionDate(KeySnapshot key) =>
        key.DeletionDate is { } date ? " on " + date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : string.Empty;
}

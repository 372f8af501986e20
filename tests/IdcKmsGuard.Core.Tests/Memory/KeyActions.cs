using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>What a person's action does to the key, as KMS does it, and the CloudTrail event it leaves (if the guard's
/// rules deliver one).</summary>
internal static class KeyActions
{
    public static readonly TimeSpan SuspendFor = TimeSpan.FromMinutes(90);

    /// <returns>The key after the action; null when KMS refuses it in the key's state (a pending deletion blocks most).</returns>
    public static KeyFacts? Apply(KeyAction action, KeyFacts key, DateTimeOffset now)
    {
        var pending = key.State == KeyState.PendingDeletion;
        return action switch
        {
            KeyAction.Disable when !pending => key with { State = KeyState.Disabled },
            KeyAction.Enable when !pending => key with { State = KeyState.Enabled },
            KeyAction.ScheduleDeletion when !pending => key with { State = KeyState.PendingDeletion },
            KeyAction.CancelDeletion when pending => key with { State = KeyState.Disabled },
            KeyAction.LockOutIdentityCenter when !pending => key with { Policy = PolicyKind.LockedOut },
            KeyAction.LockOutIdentityCenterOtherwise when !pending => key with { Policy = PolicyKind.LockedOutOtherwise },
            KeyAction.RestorePolicy when !pending => key with { Policy = PolicyKind.Baseline },
            KeyAction.RotationOff when !pending => key with { RotationOn = false },
            KeyAction.RotationOn when !pending => key with { RotationOn = true },
            KeyAction.RemoveGuardedTag => key with { Guarded = false },
            KeyAction.AddGuardedTag => key with { Guarded = true },
            KeyAction.SetSuspendTag => key with { SuspendedUntil = now + SuspendFor },
            KeyAction.RemoveSuspendTag => key with { SuspendedUntil = null },
            _ => null,
        };
    }

    /// <returns>The part of the key the action changes; null for the suspend tag (a switch of the guard, not a part).</returns>
    public static Subject? SubjectOf(KeyAction action) => action switch
    {
        KeyAction.Disable or KeyAction.Enable or KeyAction.ScheduleDeletion or KeyAction.CancelDeletion => Subject.State,
        KeyAction.LockOutIdentityCenter or KeyAction.LockOutIdentityCenterOtherwise or KeyAction.RestorePolicy => Subject.Policy,
        KeyAction.RotationOff or KeyAction.RotationOn => Subject.Rotation,
        KeyAction.RemoveGuardedTag or KeyAction.AddGuardedTag => Subject.Mark,
        _ => null,
    };

    /// <returns>The API call as CloudTrail names it; null for calls the guard's rules do not deliver (rotation on, tags).</returns>
    public static string? EventNameOf(KeyAction action) => action switch
    {
        KeyAction.Disable => "DisableKey",
        KeyAction.Enable => "EnableKey",
        KeyAction.ScheduleDeletion => "ScheduleKeyDeletion",
        KeyAction.CancelDeletion => "CancelKeyDeletion",
        KeyAction.LockOutIdentityCenter or KeyAction.LockOutIdentityCenterOtherwise or KeyAction.RestorePolicy => "PutKeyPolicy",
        KeyAction.RotationOff => "DisableKeyRotation",
        _ => null,
    };

    /// <summary>The guard's own calls that the guard's rules deliver back to it, and what each changes.</summary>
    public static (Subject Subject, string LeftAs)? GuardCall(string operation) => operation switch
    {
        "EnableKey" => (Subject.State, nameof(KeyState.Enabled)),
        "CancelKeyDeletion" => (Subject.State, nameof(KeyState.Disabled)),
        "PutKeyPolicy" => (Subject.Policy, nameof(PolicyKind.Repaired)),
        _ => null,
    };
}

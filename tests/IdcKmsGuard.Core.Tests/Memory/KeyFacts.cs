using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>What a key's policy is, as far as the histories care.</summary>
internal enum PolicyKind
{
    /// <summary>The documented 2026 baseline.</summary>
    Baseline,

    /// <summary>What the guard's repair put: healthy, not the baseline's text.</summary>
    Repaired,

    /// <summary>The baseline without the statement that lets sso and identitystore use the key.</summary>
    LockedOut,

    /// <summary>The baseline without either service statement: another breaking edit, another policy hash.</summary>
    LockedOutOtherwise,
}

/// <summary>The parts of a key that a history changes and the guard protects.</summary>
internal enum Subject
{
    State,
    Policy,
    Rotation,

    /// <summary>The tag that marks the key as one the guard may change (no rule of its own: GUARD-ACCESS says it).</summary>
    Mark,
}

/// <summary>The guarded key as it is: what the model predicts and what the in-memory KMS holds are compared as this.</summary>
internal sealed record KeyFacts(KeyState State, PolicyKind Policy, bool RotationOn, bool Guarded, DateTimeOffset? SuspendedUntil)
{
    public static KeyFacts Healthy { get; } = new(KeyState.Enabled, PolicyKind.Baseline, RotationOn: true, Guarded: true, SuspendedUntil: null);

    /// <summary>The rules the histories exercise, in the order a review judges them (the state first).</summary>
    public static IReadOnlyList<GuardRule> Rules { get; } =
        [RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyPolicyHealthy, RuleCatalog.KeyRotation];

    public static Subject SubjectOf(GuardRule rule) =>
        rule == RuleCatalog.KeyPolicyHealthy ? Subject.Policy : rule == RuleCatalog.KeyRotation ? Subject.Rotation : Subject.State;

    public string ValueOf(Subject subject) => subject switch
    {
        Subject.State => State.ToString(),
        Subject.Policy => Policy.ToString(),
        Subject.Rotation => RotationOn ? "on" : "off",
        _ => Guarded ? "marked" : "unmarked",
    };

    public bool Violates(GuardRule rule) =>
        rule == RuleCatalog.KeyEnabled ? State == KeyState.Disabled
        : rule == RuleCatalog.KeyNotPendingDeletion ? State == KeyState.PendingDeletion
        : rule == RuleCatalog.KeyPolicyHealthy ? Policy is PolicyKind.LockedOut or PolicyKind.LockedOutOtherwise
        : !RotationOn;

    public bool IsSuspendedAt(DateTimeOffset now) => SuspendedUntil is { } until && until > now;
}

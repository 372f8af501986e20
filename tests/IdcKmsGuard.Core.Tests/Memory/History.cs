namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>Who changes the key in a history: a break-glass role (exempt while the configuration says so) or ordinary people.</summary>
internal enum Person
{
    BreakGlass,
    Developer,
    Operator,
}

/// <summary>What a person does to the guarded key. An action KMS would refuse in the key's state is skipped.</summary>
internal enum KeyAction
{
    Disable,
    Enable,
    ScheduleDeletion,
    CancelDeletion,
    LockOutIdentityCenter,
    LockOutIdentityCenterOtherwise,
    RestorePolicy,
    RotationOff,
    RotationOn,
    RemoveGuardedTag,
    AddGuardedTag,
    SetSuspendTag,
    RemoveSuspendTag,
}

/// <summary>A configuration edit: each one is a new version of the document the guard reads.</summary>
internal enum ConfigurationEdit
{
    AddExemption,
    AddExpiringExemption,
    RemoveExemption,
    RuleToRemediate,
    RuleToAlert,
    RuleOff,
    DryRunOn,
    DryRunOff,
}

/// <summary>One step of a history. Selectors (<c>Pick</c>, <c>Rule</c>) are read modulo what exists when the step runs.</summary>
internal abstract record Step;

internal sealed record Change(Person Who, KeyAction What) : Step
{
    public override string ToString() => $"{Who} {What}";
}

/// <summary>An event not delivered yet is delivered: the oldest one, or any (out of order).</summary>
internal sealed record Deliver(int Pick, bool InOrder) : Step
{
    public override string ToString() => InOrder ? "deliver the oldest event" : $"deliver event #{Pick}";
}

/// <summary>An event already delivered comes again (EventBridge and Lambda deliver at least once).</summary>
internal sealed record Redeliver(int Pick) : Step
{
    public override string ToString() => $"deliver a delivered event again #{Pick}";
}

internal sealed record Sweep : Step
{
    public override string ToString() => "sweep";
}

internal sealed record Configure(ConfigurationEdit Edit, int Rule) : Step
{
    public override string ToString() => $"configure {Edit} (rule #{Rule})";
}

internal sealed record Advance(int Minutes) : Step
{
    public override string ToString() => $"advance {Minutes} min";
}

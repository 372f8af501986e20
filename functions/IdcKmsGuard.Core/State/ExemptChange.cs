namespace IdcKmsGuard.Core.State;

/// <summary>
/// A change an exempt principal made that one rule would otherwise undo on a key, and what it left there (the key's
/// state, the policy's hash, ...). While the exemption lasts and the key is still as they left it, neither the sweep
/// nor a later event undoes it; a different change by someone else is judged on its own.
/// </summary>
/// <param name="Until">When the exemption ends; null: when it is removed from the configuration.</param>
/// <param name="LeftAs">What the rule's subject was after the exempt change.</param>
public sealed record ExemptChange(
    string KeyArn,
    string RuleId,
    string Principal,
    string ExemptionPattern,
    DateTimeOffset? Until,
    string? EventId,
    DateTimeOffset At,
    string LeftAs);

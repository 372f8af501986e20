using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Findings;

namespace IdcKmsGuard.Core.Auditing;

public enum KeyRole
{
    /// <summary>The key Identity Center names, in its primary Region.</summary>
    Primary,

    /// <summary>The replica of a multi-Region key in another Identity Center Region.</summary>
    Replica,
}

/// <summary>One key Identity Center needs, as the audit found it.</summary>
/// <param name="Snapshot">Null when the key does not exist there (or could not be read).</param>
/// <param name="RotationEnabled">Read on the primary only (rotation is set there); null otherwise or when unreadable.</param>
/// <param name="Policy">The engine's evaluation of the key's policy for this Region's requests; null when not read.</param>
public sealed record AuditedKey(
    string Region,
    KeyRole Role,
    KeyArn Arn,
    KeySnapshot? Snapshot,
    bool? RotationEnabled,
    PolicyReport? Policy,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The AWS failures behind its "not checked" findings (the sweep retries when they may pass).</summary>
    public IReadOnlyList<Errors.AwsCallException> Failures { get; init; } = [];

    /// <summary>The policy as KMS returned it (null when it could not be read).</summary>
    public string? PolicyText { get; init; }
}

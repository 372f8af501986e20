using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>One thing the sweep judged: a key, a replica or an instance, its findings after any remediation, and
/// the alert to send if its state changed.</summary>
internal sealed record SweepScope(IncidentScope Scope, IReadOnlyList<Finding> Findings, AlertDraft? Draft)
{
    /// <summary>Its review could not finish.</summary>
    public bool Failed { get; init; }

    /// <summary>Not judged now: the failure may pass, and the sweep's retry judges it.</summary>
    public bool Deferred { get; init; }

    /// <summary>Per open finding about a part of the key, the change behind it as the sweep knew it.</summary>
    public RuleCauses Told { get; init; } = RuleCauses.None;
}

namespace IdcKmsGuard.Core.Alerts;

/// <summary>Everything an alert says, before it is rendered for a channel.</summary>
/// <param name="Headline">One sentence: what happened and what the guard did about it.</param>
/// <param name="KeyArn">The key concerned, when there is one.</param>
/// <param name="KeyStateBefore">KeyState when the guard first re-read it.</param>
/// <param name="KeyStateAfter">KeyState after the guard acted (null when it did not act).</param>
/// <param name="PolicyDiff">The guard's change to the key policy, statement by statement, when it repaired one.</param>
public sealed record Alert(
    Severity Severity,
    string RuleId,
    AlertOutcome Outcome,
    string Headline,
    string WhatHappened,
    AlertEvent Event,
    string? KeyArn,
    string? KeyRegion,
    string? KeyStateBefore,
    string? KeyStateAfter,
    string? InstanceArn,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RemediationStep> Steps,
    Verification? Verification,
    IReadOnlyList<string> NextSteps,
    DateTimeOffset DetectedAt,
    IReadOnlyList<string>? PolicyDiff = null)
{
    /// <summary>Repeats of this alert counted, not sent, since the last one went out at <see cref="PreviousAlertAt"/>.</summary>
    public int SuppressedRepeats { get; init; }

    public DateTimeOffset? PreviousAlertAt { get; init; }

    /// <summary>How the policy differs from the last one the guard saw healthy: the change that broke it.</summary>
    public IReadOnlyList<string> PolicyChange { get; init; } = [];

    /// <summary>Details were shortened to keep the message within SNS's 256 KB.</summary>
    public bool Trimmed { get; init; }

    /// <summary>
    /// The same for every attempt at publishing this alert (one event's alert about one key or instance): a
    /// subscriber that keeps the ids it has seen receives each alert once, however often delivery was retried.
    /// </summary>
    public string? AlertId { get; init; }
}

namespace IdcKmsGuard.Core.Alerts;

/// <summary>Everything an alert says, before it is rendered for a channel.</summary>
public sealed record Alert
{
    public required Severity Severity { get; init; }

    public required string RuleId { get; init; }

    public required AlertOutcome Outcome { get; init; }

    /// <summary>One sentence: what happened and what the guard did about it.</summary>
    public required string Headline { get; init; }

    public required string WhatHappened { get; init; }

    public required AlertEvent Event { get; init; }

    /// <summary>The key concerned, when there is one.</summary>
    public string? KeyArn { get; init; }

    public string? KeyRegion { get; init; }

    /// <summary>KeyState when the guard first re-read it.</summary>
    public string? KeyStateBefore { get; init; }

    /// <summary>KeyState after the guard acted (null when it did not act).</summary>
    public string? KeyStateAfter { get; init; }

    public string? InstanceArn { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public IReadOnlyList<RemediationStep> Steps { get; init; } = [];

    public Verification? Verification { get; init; }

    public IReadOnlyList<string> NextSteps { get; init; } = [];

    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The guard's change to the key policy, statement by statement, when it repaired one.</summary>
    public IReadOnlyList<string> PolicyDiff { get; init; } = [];

    /// <summary>How the policy differs from the last one the guard saw healthy: the change that broke it.</summary>
    public IReadOnlyList<string> PolicyChange { get; init; } = [];

    /// <summary>Repeats of this alert counted, not sent, since the last one went out at <see cref="PreviousAlertAt"/>.</summary>
    public int SuppressedRepeats { get; init; }

    public DateTimeOffset? PreviousAlertAt { get; init; }

    /// <summary>Details were shortened to keep the message within SNS's 256 KB.</summary>
    public bool Trimmed { get; init; }

    /// <summary>
    /// The same for every attempt at publishing this alert (one event's alert about one key or instance): a
    /// subscriber that keeps the ids it has seen receives each alert once, however often delivery was retried.
    /// </summary>
    public string? AlertId { get; init; }

    /// <summary>The incident this alert opens, updates or resolves; set by the guard before the alert goes out.</summary>
    public AlertIncident? Incident { get; init; }
}

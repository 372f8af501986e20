using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What one alert says about its subject; <see cref="AlertComposer"/> adds what every alert shares.</summary>
internal sealed record AlertDraft(GuardEvent Event, AlertSubject Subject)
{
    public required string Headline { get; init; }

    public required string WhatHappened { get; init; }

    public required AlertOutcome Outcome { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    public IReadOnlyList<RemediationStep> Steps { get; init; } = [];

    public Verification? Verification { get; init; }

    public IReadOnlyList<string> ExtraNextSteps { get; init; } = [];

    /// <summary>Severity when there is no finding (a notification, e.g. a healthy key switch).</summary>
    public Severity NotificationSeverity { get; init; } = Severity.Info;

    public string NotificationRule { get; init; } = string.Empty;

    public IReadOnlyList<string> PolicyDiff { get; init; } = [];

    public IReadOnlyList<string> PolicyChange { get; init; } = [];

    /// <summary>A notice about the guard itself (its configuration, its alarm path): one finding, no key, nothing changed.</summary>
    public static AlertDraft AboutTheGuard(GuardEvent guardEvent, string headline, string whatHappened, Finding finding) =>
        new(guardEvent, AlertSubject.None) { Headline = headline, WhatHappened = whatHappened, Outcome = AlertOutcome.Alerted, Findings = [finding] };
}

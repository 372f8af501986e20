using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What the guard did with one event; the function returns it as the invocation's response.</summary>
public sealed record GuardResult(GuardEvent Event, Disposition Disposition, string Reason, Alert? Alert, string? MessageId)
{
    /// <summary>The rules the event made the guard evaluate, with how each came out.</summary>
    public IReadOnlyList<RuleEvaluation> Rules { get; init; } = [];

    /// <summary>How many checks ran: the rules evaluated for an event; the instances, keys and replicas judged by a sweep.</summary>
    public int Checks
    {
        get => checks ?? Rules.Count;
        init => checks = value;
    }

    private readonly int? checks;

    /// <summary>Checks that could not finish (a sweep's scopes whose review failed): counted, with an alarm on them.</summary>
    public int FailedChecks { get; init; }

    /// <summary>The sweep found the alert topic's key unusable: alerts cannot reach anyone (logged, and a metric with an alarm).</summary>
    public bool AlertPathBroken { get; init; }

    /// <summary>Every alert published: one at most for an event, one per changed scope for a sweep.</summary>
    public IReadOnlyList<Alert> Alerts
    {
        get => alerts ?? (Alert is null || Disposition != Disposition.Alerted ? [] : [Alert]);
        init => alerts = value;
    }

    private readonly IReadOnlyList<Alert>? alerts;
}

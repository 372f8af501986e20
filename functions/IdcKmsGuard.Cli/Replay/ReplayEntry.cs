using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;

namespace IdcKmsGuard.Cli.Replay;

/// <summary>One replayed event in `replay --json`; the field names are a public contract (infra/docs/cli.md).</summary>
internal sealed record ReplayEntry(
    string File,
    string? EventId,
    string? Trigger,
    string? Disposition,
    string? Reason,
    IReadOnlyList<ReplayRule> Rules,
    IReadOnlyList<ReplayAction> Actions,
    ReplayAlert? Alert,
    string? Error)
{
    public static ReplayEntry From(string file, GuardResult result, bool published) => new(
        file,
        result.Event.EventId,
        result.Event.Trigger.ToString(),
        result.Disposition.ToString(),
        result.Reason,
        result.Rules.Select(r => new ReplayRule(r.RuleId, AlertRenderer.Name(r.Severity), r.Status.ToString().ToLowerInvariant(), r.Outcome)).ToList(),
        // A sweep may act on several keys: every alert's steps, the primary alert below.
        (result.Alerts.Count > 0 ? result.Alerts.SelectMany(a => a.Steps) : result.Alert?.Steps ?? [])
            .Select(s => new ReplayAction(s.Action, AlertRenderer.Name(s.Status), s.Detail))
            .ToList(),
        result.Alert is { } alert ? ReplayAlert.From(alert, published ? result.MessageId : null) : null,
        null);

    public static ReplayEntry Failed(string file, string error) => new(file, null, null, null, null, [], [], null, error);
}

internal sealed record ReplayRule(string Id, string Severity, string Status, string Outcome);

internal sealed record ReplayAction(string Action, string Status, string Detail);

/// <param name="Published">False: replay showed it instead (dry run, or no --topic-arn).</param>
internal sealed record ReplayAlert(
    bool Published,
    string? MessageId,
    string Subject,
    string Severity,
    string Rule,
    string Outcome,
    string Headline,
    JsonElement Document)
{
    public static ReplayAlert From(Alert alert, string? messageId)
    {
        var rendered = AlertRenderer.Render(alert);
        using var document = JsonDocument.Parse(rendered.Json);
        return new ReplayAlert(
            messageId is not null,
            messageId,
            rendered.Subject,
            AlertRenderer.Name(alert.Severity),
            alert.RuleId,
            AlertRenderer.Name(alert.Outcome),
            alert.Headline,
            document.RootElement.Clone());
    }
}

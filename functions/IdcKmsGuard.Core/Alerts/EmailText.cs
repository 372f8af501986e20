using System.Globalization;
using System.Text;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>The full text for e-mail: sections an on-call engineer can read top to bottom at 3 a.m.</summary>
internal static class EmailText
{
    private const int LabelWidth = 16;

    /// <param name="runbook">The rule's runbook, named under "What you should do".</param>
    public static string Render(Alert alert, string runbook)
    {
        var text = new StringBuilder();
        text.AppendLine(UntrustedText.OneLine(alert.Headline));

        Section(text, "What happened");
        text.AppendLine(UntrustedText.OneLine(alert.WhatHappened));
        foreach (var finding in alert.Findings)
        {
            text.Append("  - [").Append(finding.Severity.ToString().ToUpperInvariant()).Append("] ")
                .Append(finding.RuleId).Append(finding.Resolved ? " (fixed): " : ": ").AppendLine(UntrustedText.OneLine(finding.Message));
        }

        if (alert.SuppressedRepeats > 0)
        {
            text.Append("  (").Append(alert.SuppressedRepeats).Append(" more alert(s) like this one were not sent since ")
                .Append(alert.PreviousAlertAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "the last one").AppendLine(".)");
        }

        if (alert.PolicyChange.Count > 0)
        {
            foreach (var line in alert.PolicyChange)
            {
                text.Append("    ").AppendLine(UntrustedText.OneLine(line));
            }
        }

        Section(text, "Who");
        var actor = alert.Event.Actor;
        Line(text, "Principal", Who(actor));
        Line(text, "Account", actor.AccountId);
        Line(text, "Source IP", actor.SourceIpAddress);
        Line(text, "User agent", actor.UserAgent);
        Line(text, "When", alert.Event.Time?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Line(
            text,
            "Call",
            $"{alert.Event.Name} ({alert.Event.Source})"
                + (alert.Event.Succeeded ? string.Empty : $", failed with {alert.Event.ErrorCode}: {alert.Event.ErrorMessage}"));

        Section(text, "What the guard did");
        if (alert.Steps.Count == 0)
        {
            text.AppendLine("  Nothing was changed.");
        }

        foreach (var step in alert.Steps)
        {
            text.Append("  - ").Append(step.Action).Append(": ").Append(step.Status.ToString().ToUpperInvariant())
                .Append(" - ").AppendLine(UntrustedText.OneLine(step.Detail));
        }

        if (alert.Verification is { } verification)
        {
            text.Append("  Verification: ").Append(verification.Passed ? "PASSED - " : "FAILED - ").AppendLine(UntrustedText.OneLine(verification.Detail));
        }

        if (alert.PolicyDiff is { Count: > 0 } diff)
        {
            text.AppendLine("  Key policy change:");
            foreach (var line in diff)
            {
                text.Append("    ").AppendLine(UntrustedText.OneLine(line));
            }
        }

        Section(text, "What you should do");
        for (var i = 0; i < alert.NextSteps.Count; i++)
        {
            text.Append("  ").Append(i + 1).Append(". ").AppendLine(UntrustedText.OneLine(alert.NextSteps[i]));
        }

        text.Append("  Runbook for ").Append(alert.RuleId).Append(": ").AppendLine(runbook);

        Section(text, "Details");
        Line(text, "Severity", AlertRenderer.Name(alert.Severity));
        Line(text, "Rule", alert.RuleId);
        Line(text, "Outcome", AlertRenderer.Name(alert.Outcome));
        Line(text, "Key", alert.KeyArn);
        Line(text, "Key Region", alert.KeyRegion);
        Line(text, "State before", alert.KeyStateBefore);
        Line(text, "State after", alert.KeyStateAfter);
        Line(text, "Instance", alert.InstanceArn);
        Line(text, "Event id", alert.Event.EventId);
        Line(text, "Trigger", alert.Event.Trigger);
        Line(text, "Key console", ConsoleLinks.Key(alert.KeyArn));
        Line(text, "Event console", ConsoleLinks.Event(alert.Event.EventId, alert.Event.Region));
        Line(text, "Trimmed", alert.Trimmed ? "yes: details were shortened to fit SNS's 256 KB; the guard's log has them in full" : null);
        Line(text, "Detected at", alert.DetectedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    public static string Who(AlertActor actor) => (actor.Type, actor.Arn, actor.InvokedBy) switch
    {
        ({ } type, { } arn, _) => $"{type} {arn}",
        (null, { } arn, _) => arn,
        ("Schedule", null, _) => "the guard's scheduled sweep (no event named the key)",
        (_, null, { } service) => $"AWS service ({service})",
        ({ } type, null, null) => type,
        _ => "unknown (the event does not say)",
    };

    private static void Section(StringBuilder text, string title) =>
        text.AppendLine().AppendLine(title.ToUpperInvariant()).AppendLine(new string('-', title.Length));

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append("  ").Append((label + ":").PadRight(LabelWidth)).Append(UntrustedText.OneLine(value)).AppendLine();
        }
    }
}

using System.Text;
using System.Text.Json;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>Turns an <see cref="Alert"/> into the texts and document that subscribers receive.</summary>
public static class AlertRenderer
{
    public const int MaxSubjectLength = 99;

    // The document is read by programs, never embedded in HTML: '+' in a time offset stays '+'.
    private static readonly AlertJsonContext Json = new(new JsonSerializerOptions(AlertJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <param name="chatbot">Also render the AWS Chatbot (Amazon Q Developer) custom-notification document.</param>
    /// <param name="runbooks">Where the rule's runbook is linked from (default: its path in the repository).</param>
    public static RenderedAlert Render(Alert alert, bool chatbot = false, RunbookLinks? runbooks = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        runbooks ??= RunbookLinks.Default;
        var rendered = RenderOnce(alert, chatbot, runbooks);

        // SNS refuses messages over 256 KB; details give way, the headline and what to do never do.
        for (var level = 1; !AlertSize.Fits(rendered) && level <= AlertTrimmer.Levels; level++)
        {
            rendered = RenderOnce(AlertTrimmer.Trim(alert, level), chatbot, runbooks);
        }

        return rendered;
    }

    private static RenderedAlert RenderOnce(Alert alert, bool chatbot, RunbookLinks runbooks)
    {
        var runbook = runbooks.For(alert.RuleId);
        return new(
            Subject: Subject(alert),
            ShortText: ShortText(alert),
            EmailText: EmailText.Render(alert, runbook),
            Json: JsonSerializer.Serialize(Document(alert, runbook), Json.AlertDocument),
            Attributes: Attributes(alert))
        {
            Chatbot = chatbot ? ChatbotNotification.Render(alert) : null,
        };
    }

    // What subscription filter policies select on; SNS refuses empty attribute values, so absent ones are left out.
    private static Dictionary<string, string> Attributes(Alert alert)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["severity"] = Name(alert.Severity),
            ["rule"] = alert.RuleId,
            ["outcome"] = Name(alert.Outcome),
        };
        string?[] values = [alert.KeyArn, alert.Event.Account ?? alert.Event.Actor.AccountId, alert.KeyRegion ?? alert.Event.Region, alert.AlertId];
        string[] names = ["key_arn", "account", "region", "alert_id"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!string.IsNullOrEmpty(values[i]))
            {
                attributes[names[i]] = values[i]!;
            }
        }

        return attributes;
    }

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Name(AlertOutcome outcome) => outcome == AlertOutcome.DryRun ? "dry-run" : outcome.ToString().ToLowerInvariant();

    public static string Name(StepStatus status) => status.ToString().ToLowerInvariant();

    internal static string Subject(Alert alert)
    {
        var text = Ascii($"[{alert.Severity.ToString().ToUpperInvariant()}] IdcKmsGuard: {alert.Headline}");
        return text.Length <= MaxSubjectLength ? text : string.Concat(text.AsSpan(0, MaxSubjectLength - 3), "...");
    }

    private static string ShortText(Alert alert)
    {
        var builder = new StringBuilder()
            .Append('[').Append(alert.Severity.ToString().ToUpperInvariant()).Append("] ").AppendLine(UntrustedText.OneLine(alert.Headline));
        if (alert.KeyArn is not null)
        {
            builder.Append("Key: ").AppendLine(alert.KeyArn);
        }

        builder.Append("By: ").AppendLine(UntrustedText.OneLine(EmailText.Who(alert.Event.Actor)));
        if (alert.NextSteps.Count > 0)
        {
            builder.Append("Next: ").AppendLine(UntrustedText.OneLine(alert.NextSteps[0]));
        }

        return builder.ToString();
    }

    private static AlertDocument Document(Alert alert, string runbook) => new(
        Schema: AlertDocument.CurrentSchema,
        Severity: Name(alert.Severity),
        Rule: alert.RuleId,
        Outcome: Name(alert.Outcome),
        Headline: alert.Headline,
        WhatHappened: alert.WhatHappened,
        Event: alert.Event,
        Key: alert.KeyArn is null ? null : new AlertDocumentKey(alert.KeyArn, alert.KeyRegion, alert.KeyStateBefore, alert.KeyStateAfter),
        InstanceArn: alert.InstanceArn,
        Findings: alert.Findings.Select(f => new AlertDocumentFinding(f.RuleId, Name(f.Severity), f.Message, f.Resolved)).ToList(),
        Steps: alert.Steps.Select(s => new AlertDocumentStep(s.Action, Name(s.Status), s.Detail)).ToList(),
        Verification: alert.Verification,
        NextSteps: alert.NextSteps,
        Links: new AlertDocumentLinks(ConsoleLinks.Key(alert.KeyArn), ConsoleLinks.Event(alert.Event.EventId, alert.Event.Region)) { Runbook = runbook },
        DetectedAt: alert.DetectedAt,
        Trimmed: alert.Trimmed,
        PolicyDiff: alert.PolicyDiff,
        PolicyChange: alert.PolicyChange,
        SuppressedRepeats: alert.SuppressedRepeats,
        PreviousAlertAt: alert.PreviousAlertAt,
        AlertId: alert.AlertId);

    // SNS refuses subjects with non-ASCII or control characters.
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        return builder.ToString();
    }
}

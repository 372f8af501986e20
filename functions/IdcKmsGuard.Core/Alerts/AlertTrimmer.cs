namespace IdcKmsGuard.Core.Alerts;

/// <summary>Shortens an alert's details step by step; the headline, the findings' first words and what to do stay.</summary>
internal static class AlertTrimmer
{
    public const int Levels = 4;

    public static Alert Trim(Alert alert, int level)
    {
        var lines = level switch { 1 => 40, 2 => 10, _ => 0 };
        var text = level switch { 1 or 2 => 4_000, 3 => 1_000, _ => 300 };
        return alert with
        {
            Trimmed = true,
            PolicyDiff = Lines(alert.PolicyDiff, lines),
            PolicyChange = Lines(alert.PolicyChange, lines),
            WhatHappened = Text(alert.WhatHappened, text),
            Findings = alert.Findings.Select(f => f with { Message = Text(f.Message, text) }).ToList(),
            Steps = alert.Steps.Select(s => s with { Detail = Text(s.Detail, text) }).ToList(),
            NextSteps = alert.NextSteps.Select(n => Text(n, Math.Max(text, 600))).ToList(),
            Verification = alert.Verification is { } v ? v with { Detail = Text(v.Detail, text) } : null,
            Event = alert.Event with
            {
                ErrorMessage = alert.Event.ErrorMessage is { } m ? Text(m, 500) : null,
                Actor = alert.Event.Actor with { UserAgent = alert.Event.Actor.UserAgent is { } ua ? Text(ua, 200) : null },
            },
        };
    }

    private static List<string> Lines(IReadOnlyList<string> lines, int keep) =>
        lines.Count <= keep ? [.. lines] : [.. lines.Take(keep), $"... {lines.Count - keep} more line(s) trimmed to fit SNS's 256 KB"];

    private static string Text(string text, int keep) =>
        text.Length <= keep ? text : string.Concat(text.AsSpan(0, keep), " ... (trimmed)");
}

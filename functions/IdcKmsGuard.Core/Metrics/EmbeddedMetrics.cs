using System.Text;
using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;

namespace IdcKmsGuard.Core.Metrics;

/// <summary>
/// CloudWatch Embedded Metric Format: one JSON line per dimension set, written to stdout, from which CloudWatch Logs
/// extracts the metrics (no PutMetricData call, no extra permission). Namespace <see cref="Namespace"/>.
/// </summary>
public static class EmbeddedMetrics
{
    public const string Namespace = "IdcKmsGuard";

    /// <summary>Emitted by every sweep that ran (not one answered as a repeated delivery); the template's heartbeat
    /// alarm fires when it goes missing.</summary>
    public const string SweepsCompleted = "SweepsCompleted";

    /// <summary>The scopes a sweep could not finish judging (reported in its alerts); the template alarms on any.</summary>
    public const string SweepChecksFailed = "SweepChecksFailed";

    /// <summary>1 when a sweep found the alert topic's key unusable: the second path when alerts cannot go out.</summary>
    public const string AlertPathBroken = "AlertPathBroken";

    public static IReadOnlyList<string> For(GuardResult result, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        var totals = new List<(string Name, string Unit, double Value)>
        {
            ("ChecksRun", "Count", result.Checks),
            ("AlertsPublished", "Count", result.Alerts.Count),
        };
        if (result.Event.Trigger == Trigger.Sweep)
        {
            if (result.Disposition != Disposition.Duplicate)
            {
                totals.Add((SweepsCompleted, "Count", 1));
                totals.Add((SweepChecksFailed, "Count", result.FailedChecks));
                totals.Add((AlertPathBroken, "Count", result.AlertPathBroken ? 1 : 0));
            }
        }
        else if (result.Alerts.Count > 0 && result.Event.EventTime is { } happened)
        {
            // CloudTrail's delivery is part of the wait a person sees, so it is counted from the call itself.
            totals.Add(("EventToAlert", "Milliseconds", Math.Max(0, (result.Alerts[0].DetectedAt - happened).TotalMilliseconds)));
        }

        lines.Add(Line(now, service, [], totals));
        // A notice that something is resolved is not a violation.
        foreach (var violation in result.Rules.Where(r => r.Status == RuleStatus.Violated && r.Severity > Severity.Info))
        {
            lines.Add(Line(now, service, [("Rule", violation.RuleId), ("Severity", AlertRenderer.Name(violation.Severity))], [("Violations", "Count", 1)]));
        }

        foreach (var alert in result.Alerts.Where(a => a.Steps.Count > 0))
        {
            lines.Add(Line(now, service, [("Outcome", AlertRenderer.Name(alert.Outcome))], [("Remediations", "Count", 1)]));
        }

        return lines;
    }

    private static string Line(
        DateTimeOffset now,
        string service,
        IReadOnlyList<(string Name, string Value)> dimensions,
        IReadOnlyList<(string Name, string Unit, double Value)> metrics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", now.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("Service");
            foreach (var (name, _) in dimensions)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("Service", service);
            foreach (var (name, value) in dimensions)
            {
                json.WriteString(name, value);
            }

            foreach (var (name, _, value) in metrics)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

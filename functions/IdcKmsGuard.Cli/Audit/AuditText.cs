using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>The audit for a terminal: per instance a table of its keys, the findings with what to do, and a verdict.</summary>
internal static class AuditText
{
    public static void Write(TextWriter output, AuditReport report, Severity failOn, bool explain)
    {
        if (report.Instances.Count == 0)
        {
            output.WriteLine("No IAM Identity Center instance is visible to this caller in this Region.");
        }

        foreach (var audit in report.Instances)
        {
            WriteInstance(output, audit, explain);
        }

        var findings = report.Instances.SelectMany(i => i.AllFindings).ToList();
        var counts = string.Join(", ", findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {AlertRenderer.Name(g.Key)}"));
        output.WriteLine(report.IsHealthy(failOn)
            ? $"Verdict: HEALTHY{(findings.Count == 0 ? ": every check passed." : $" (no {AlertRenderer.Name(failOn)} finding; {counts}).")}"
            : $"Verdict: UNHEALTHY: {counts}.{(report.Worst == Severity.Critical ? " Identity Center sign-in is down or at risk: act now." : string.Empty)}");
    }

    private static void WriteInstance(TextWriter output, InstanceAudit audit, bool explain)
    {
        var instance = audit.Instance;
        var regions = instance.Regions.Count == 0
            ? instance.PrimaryRegion
            : string.Join(", ", instance.Regions.Select(r =>
                r.IsPrimary ? $"{r.Name} (primary)" : r.Status == "ACTIVE" ? r.Name : $"{r.Name} ({r.Status})"));
        output.WriteLine($"Identity Center {instance.InstanceArn} in account {instance.OwnerAccountId}; Regions: {regions}");
        output.WriteLine($"Encryption: {instance.Encryption.Describe()} ({EncryptionStatusNames.Of(instance.Encryption.Status)})");
        foreach (var note in audit.Notes)
        {
            output.WriteLine($"Note: {note}");
        }

        if (audit.Keys.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{"REGION",-16}{"ROLE",-9}{"STATE",-24}{"ROTATION",-10}{"POLICY",-11}KEY");
            foreach (var key in audit.Keys)
            {
                var rotation = key.RotationEnabled switch { true => "on", false => "OFF", null => "-" };
                var policy = key.Policy is null ? "-" : key.Policy.IsHealthy ? "healthy" : "BROKEN";
                var role = key.Role == KeyRole.Primary ? "primary" : "replica";
                output.WriteLine($"{key.Region,-16}{role,-9}{State(key),-24}{rotation,-10}{policy,-11}{key.Arn}");
            }
        }

        output.WriteLine();
        var findings = audit.AllFindings.OrderByDescending(f => f.Severity).ToList();
        if (findings.Count == 0)
        {
            output.WriteLine("No findings.");
        }

        foreach (var finding in findings)
        {
            output.WriteLine($"{AlertRenderer.Name(finding.Severity).ToUpperInvariant(),-9}{finding.RuleId,-25}{finding.Message}");
        }

        var todo = findings.Where(f => f.Severity >= Severity.Medium).Select(f => (f.RuleId, Key: KeyOf(audit, f))).Distinct().ToList();
        if (todo.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("What to do:");
            foreach (var (ruleId, key) in todo)
            {
                output.WriteLine($"- {ruleId}: {RuleCatalog.Get(ruleId).RunbookFor(key?.Arn.ToString(), key?.Region)}");
            }
        }

        if (explain)
        {
            foreach (var key in audit.Keys.Where(k => k.Policy is not null))
            {
                output.WriteLine();
                output.WriteLine($"Policy evaluation for {key.Arn} ({key.Region} requests):");
                PolicyReportText.Write(output, key.Policy!);
            }
        }

        output.WriteLine();
    }

    /// <summary>The key's state, MISSING when it does not exist, NOT READ when the caller could not tell.</summary>
    public static string State(AuditedKey key) =>
        key.Snapshot?.State.ToString() ?? (key.Findings.Any(f => f.RuleId == RuleCatalog.GuardAccess.Id) ? "NOT READ" : "MISSING");

    private static AuditedKey? KeyOf(InstanceAudit audit, Finding finding) =>
        audit.Keys.FirstOrDefault(k => k.Findings.Contains(finding));
}

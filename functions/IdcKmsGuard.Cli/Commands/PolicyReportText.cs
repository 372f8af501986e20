using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Policy.Findings;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>A policy report for a terminal: verdict, findings, then the decision on every request.</summary>
internal static class PolicyReportText
{
    public static void Write(TextWriter output, PolicyReport report)
    {
        output.WriteLine(report.IsHealthy ? "HEALTHY: Identity Center can use the key." : "CRITICAL: Identity Center cannot use the key.");
        output.WriteLine();
        if (report.Findings.Count == 0)
        {
            output.WriteLine("No findings.");
        }

        foreach (var finding in report.Findings)
        {
            var statements = finding.Statements.Count == 0 ? string.Empty : $" [{string.Join(", ", finding.Statements)}]";
            output.WriteLine($"{AlertRenderer.Name(finding.Severity).ToUpperInvariant(),-9}{finding.Id,-24}{finding.Message}{statements}");
        }

        output.WriteLine();
        output.WriteLine($"{"decision",-19}{"request",-36}principal <- decided by");
        foreach (var request in report.Requests)
        {
            var decidedBy = request.Decision.DecidedBy.Count == 0 ? "-" : string.Join(", ", request.Decision.DecidedBy.Select(s => s.Label));
            output.WriteLine($"{request.Decision.Decision,-19}{request.Required.Purpose,-36}{request.Decision.Request.Principal.Display}  <- {decidedBy}");
        }
    }
}

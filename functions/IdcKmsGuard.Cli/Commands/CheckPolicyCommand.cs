using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Policy.Findings;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`check-policy`: would this key policy still let Identity Center work? Exit 0 no finding, 1 findings below
/// critical, 2 a critical one, 65 unreadable or placeholder policy, 64 an option value that is not what it takes.</summary>
internal sealed class CheckPolicyCommand : ICliCommand<PolicySettings>
{
    public static Command Create()
    {
        var options = new PolicyOptions();
        return CommandBinding.Wire(
            options.Definition("check-policy", "Check a key policy against every request Identity Center makes."), options.Bind, new CheckPolicyCommand());
    }

    public int Execute(PolicySettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!PolicyInput.TryRead(settings.PolicyPath, error, out var policy))
        {
            return ExitCodes.BadInput;
        }

        var report = PolicyChecker.Check(policy, settings.Facts);
        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(PolicyCheckDocument.From(report), CliJson.Context.PolicyCheckDocument));
        }
        else
        {
            PolicyReportText.Write(output, report);
        }

        return ExitCodes.ForFindings(report.Findings.Select(f => f.Severity), Severity.Critical);
    }
}

internal sealed record PolicyCheckDocument(bool Healthy, IReadOnlyList<PolicyCheckFinding> Findings, IReadOnlyList<PolicyCheckRequest> Requests)
{
    public static PolicyCheckDocument From(PolicyReport report) => new(
        report.IsHealthy,
        report.Findings.Select(f => new PolicyCheckFinding(f.Id, AlertRenderer.Name(f.Severity), f.Message, f.Statements)).ToList(),
        report.Requests.Select(r => new PolicyCheckRequest(
            r.Decision.Request.Principal.Display,
            r.Decision.Request.Action,
            r.Decision.Decision.ToString(),
            r.Decision.DecidedBy.Select(s => s.Label).ToList(),
            r.Required.Purpose)).ToList());
}

internal sealed record PolicyCheckFinding(string Id, string Severity, string Message, IReadOnlyList<string> Statements);

internal sealed record PolicyCheckRequest(string Principal, string Action, string Decision, IReadOnlyList<string> DecidedBy, string Purpose);

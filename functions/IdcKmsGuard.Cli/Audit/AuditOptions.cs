using System.CommandLine;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>`audit`'s options, and their values as <see cref="AuditSettings"/>.</summary>
internal sealed class AuditOptions
{
    public AuditOptions() => FailOn.AcceptOnlyFromAmong("critical", "high", "medium", "low");

    public AwsCallOptions Aws { get; } = new();

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of the table." };

    public Option<bool> Explain { get; } = new("--explain")
    {
        Description = "Show the policy evaluation behind each finding: every request, its decision and the deciding statements.",
    };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit 2 when a finding reaches this severity.",
        DefaultValueFactory = _ => "critical",
    };

    public Command Definition()
    {
        var command = new Command("audit", "Check Identity Center's key, its replicas and their policies now (read-only).") { Json, Explain, FailOn };
        Aws.AddTo(command);
        return command;
    }

    public AuditSettings Bind(ParseResult parse) => new(
        Aws.Bind(parse),
        parse.GetValue(Json),
        parse.GetValue(Explain),
        Enum.Parse<Severity>(parse.GetValue(FailOn)!, ignoreCase: true));
}

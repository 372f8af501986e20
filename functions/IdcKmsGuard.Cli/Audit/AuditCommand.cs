using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>
/// `audit`: read-only, every rule for the instance, its key and the replica in each Identity Center Region, as a
/// table with a verdict. Exit 0 healthy, 2 when a finding reaches --fail-on (critical by default), 1 when it could not run.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliServices services)
    {
        var aws = new AwsCallOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var explain = new Option<bool>("--explain")
        {
            Description = "Show the policy evaluation behind each finding: every request, its decision and the deciding statements.",
        };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 2 when a finding reaches this severity.", DefaultValueFactory = _ => "critical" };
        failOn.AcceptOnlyFromAmong("critical", "high", "medium", "low");
        var command = new Command("audit", "Check Identity Center's key, its replicas and their policies now (read-only).") { json, explain, failOn };
        aws.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (aws.Resolve(parse, services, error) is not { } context)
            {
                return ExitCodes.Failure;
            }

            var auditor = AwsGuardFactory.CreateAuditor(context.Region, context.Credentials, context.Endpoints, TimeProvider.System, context.Options);
            Core.Auditing.AuditReport report;
            try
            {
                report = await auditor.AuditAsync(context.Configuration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is GuardException or HttpRequestException or Amazon.Runtime.AmazonClientException)
            {
                error.WriteLine($"error: the audit could not finish: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Failure;
            }

            var threshold = Enum.Parse<Severity>(parse.GetValue(failOn)!, ignoreCase: true);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(AuditDocument.From(report, threshold), CliJson.Context.AuditDocument));
            }
            else
            {
                AuditText.Write(output, report, threshold, parse.GetValue(explain));
            }

            return report.IsHealthy(threshold) ? ExitCodes.Ok : ExitCodes.Critical;
        });
        return command;
    }
}

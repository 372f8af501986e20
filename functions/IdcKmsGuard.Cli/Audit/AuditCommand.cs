using System.CommandLine;
using System.Text.Json;
using Amazon.Runtime.CredentialManagement;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Guarding;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>
/// `audit`: read-only, every rule for the instance, its key and the replica in each Identity Center Region, as a
/// table with a verdict. Exit 0 healthy, 2 when a finding reaches --fail-on (critical by default), 1 when it could not run.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliServices services)
    {
        var region = new Option<string?>("--region") { Description = "Identity Center's primary Region (default: AWS_REGION)." };
        var profile = new Option<string?>("--profile") { Description = "A named profile from the AWS config and credentials files." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Send every AWS call here (a local stand-in)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var explain = new Option<bool>("--explain") { Description = "Show the policy evaluation behind each finding: every request, its decision and the deciding statements." };
        var config = new Option<string?>("--config") { Description = "A configuration document (JSON): rule modes, approved keys, extra requirements." };
        var orgId = new Option<string?>("--org-id") { Description = "The organization id (o-...); without it, the key's own organization is assumed." };
        var delegated = new Option<string[]>("--delegated-admin") { Description = "A delegated administrator account (repeatable)." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 2 when a finding reaches this severity.", DefaultValueFactory = _ => "critical" };
        failOn.AcceptOnlyFromAmong("critical", "high", "medium", "low");
        var command = new Command("audit", "Check Identity Center's key, its replicas and their policies now (read-only).") { region, profile, endpoint, json, explain, config, orgId, delegated, failOn };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var regionName = parse.GetValue(region) ?? services.Environment("AWS_REGION") ?? services.Environment("AWS_DEFAULT_REGION");
            if (regionName is null)
            {
                error.WriteLine("error: no Region: give --region or set AWS_REGION.");
                return ExitCodes.Failure;
            }

            var configuration = GuardConfiguration.Defaults;
            if (parse.GetValue(config) is { } path && ConfigurationInput.TryRead(path, error, out configuration, out _) != ExitCodes.Ok)
            {
                return ExitCodes.Failure;
            }

            if (!TryCredentials(services, parse.GetValue(profile), error, out var credentials))
            {
                return ExitCodes.Failure;
            }

            var endpoints = parse.GetValue(endpoint) is { } url
                ? new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? url : null)
                : new AwsEndpointResolver(services.Environment);
            var options = new GuardOptions(RemediationEnabled: false, GuardRoleArn: null, parse.GetValue(orgId), parse.GetValue(delegated) ?? []);
            var auditor = AwsGuardFactory.CreateAuditor(regionName, credentials, endpoints, TimeProvider.System, options);
            Core.Auditing.AuditReport report;
            try
            {
                report = await auditor.AuditAsync(configuration, cancellationToken).ConfigureAwait(false);
            }
            catch (GuardException e)
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

    private static bool TryCredentials(CliServices services, string? profile, TextWriter error, out SdkCredentialSource credentials)
    {
        credentials = services.Credentials();
        if (profile is null)
        {
            return true;
        }

        if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var found))
        {
            credentials = new SdkCredentialSource(found);
            return true;
        }

        error.WriteLine($"error: no profile '{profile}' in the AWS config or credentials files.");
        return false;
    }
}

using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`check-policy`: would this key policy still let Identity Center work? The policy of a file (with the
/// instance's facts as options) or of a live key (--key-id: its policy, its instance and the deployed configuration read
/// from the account). Exit 0 no finding, 1 findings below critical, 2 a critical one, 65 unreadable or placeholder
/// policy or no instance using the key, 64 an option value that is not what it takes, 69 AWS unavailable or denied.</summary>
internal sealed class CheckPolicyCommand(CliServices services) : IAsyncCliCommand<CheckPolicySettings>
{
    public static Command Create(CliServices services)
    {
        var options = new CheckPolicyOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new CheckPolicyCommand(services));
    }

    public async Task<int> ExecuteAsync(CheckPolicySettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KeyPolicy policy;
        IdentityCenterFacts facts;
        if (settings.File is { } file)
        {
            if (!PolicyInput.TryRead(file.PolicyPath, error, out policy))
            {
                return ExitCodes.BadInput;
            }

            // The configuration's extra requirements count for a file too: an option given is never ignored.
            var (exit, configuration) = await ConfigurationAsync(settings, error, cancellationToken).ConfigureAwait(false);
            if (configuration is null)
            {
                return exit;
            }

            facts = file.Facts with { Extra = RequiredAccess.Extra(configuration) };
        }
        else
        {
            var (exit, live) = await LiveKeyPolicy.ReadAsync(settings, services, error, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                return exit;
            }

            (policy, facts) = live.Value;
        }

        var report = PolicyChecker.Check(policy, facts);
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

    // --config FILE needs no AWS; --config-parameter reads the deployed one with the AWS options.
    private async Task<(int Exit, GuardConfiguration? Configuration)> ConfigurationAsync(
        CheckPolicySettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Aws.ConfigParameter is null)
        {
            var configuration = GuardConfiguration.Defaults;
            return settings.Aws.ConfigPath is { } path && ConfigurationInput.TryRead(path, error, out configuration, out _) is var read and not ExitCodes.Ok
                ? (read, null)
                : (ExitCodes.Ok, configuration);
        }

        var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        return (exit, context?.Configuration);
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

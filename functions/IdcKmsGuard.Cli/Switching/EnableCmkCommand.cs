using System.CommandLine;
using System.Globalization;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Switching;

namespace IdcKmsGuard.Cli.Switching;

/// <summary>
/// `enable-cmk`: switches Identity Center to a customer managed key only after a preflight that judges the key as the
/// guard will once it is in use (state, spec, account and Region, policy for this instance's real ARNs, a healthy
/// replica in every Identity Center Region); then shows the switch until ENABLED or UPDATE_FAILED.
/// Without --yes it stops after the preflight. Exit 0 switched (or would), 2 refused or UPDATE_FAILED, 1 error.
/// </summary>
internal sealed class EnableCmkCommand(CliServices services) : IAsyncCliCommand<EnableCmkSettings>
{
    public static Command Create(CliServices services)
    {
        var options = new EnableCmkOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new EnableCmkCommand(services));
    }

    public async Task<int> ExecuteAsync(EnableCmkSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return exit;
        }

        var target = settings.Target;
        var switcher = AwsGuardFactory.CreateSwitcher(context.Region, context.Credentials, context.Endpoints, TimeProvider.System, context.Options);
        try
        {
            IdentityCenterInstance current;
            SwitchPreflight? preflight = null;
            if (target is not null)
            {
                preflight = await switcher.PreflightAsync(target, settings.InstanceArn, context.Configuration, cancellationToken).ConfigureAwait(false);
                WritePreflight(output, preflight, target);
                if (!preflight.Passed)
                {
                    output.WriteLine(
                        $"Refused: {preflight.Blocking.Count} finding(s) above would leave Identity Center unable to use the key "
                        + "or lock administrators out. Nothing was changed. Fix them and run again.");
                    return ExitCodes.FindingsAtThreshold;
                }

                current = preflight.Current;
            }
            else
            {
                current = await switcher.InstanceAsync(settings.InstanceArn, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Identity Center {current.InstanceArn} uses {current.Encryption.Describe()} ({Status(current.Encryption)}).");
                output.WriteLine(
                    "Switching to an AWS owned key removes the customer managed key's controls: "
                    + "its policy no longer governs Identity Center's data, and its use is no longer in CloudTrail.");
            }

            if (!settings.Yes)
            {
                output.WriteLine($"Preflight passed. Nothing was changed: run again with --yes to switch to {(target?.ToString() ?? "an AWS owned key")}.");
                return ExitCodes.Ok;
            }

            if (preflight is not null)
            {
                var marked = await switcher.MarkGuardedAsync(preflight, cancellationToken).ConfigureAwait(false);
                output.WriteLine(
                    $"Marked {string.Join(", ", marked)} with {GuardedKeyTag.Key}={GuardedKeyTag.Value}: "
                    + "the guard may repair only marked keys.");
            }

            output.WriteLine(
                $"Switching to {(target?.ToString() ?? "an AWS owned key")} (UpdateInstance); "
                + "the previous key stays in use until the switch is ENABLED.");
            var outcome = await switcher.SwitchAsync(
                current,
                target,
                TimeSpan.FromSeconds(settings.PollSeconds),
                TimeSpan.FromMinutes(settings.WaitMinutes),
                (encryption, elapsed) => output.WriteLine(
                    $"  {Seconds(elapsed),5} s  {Status(encryption)}{(encryption.StatusReason is { } reason ? $": {reason}" : string.Empty)}"),
                cancellationToken).ConfigureAwait(false);
            return Report(output, outcome, current);
        }
        catch (Exception e) when (e is GuardException or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.ForFailure(e);
        }
    }

    private static int Report(TextWriter output, SwitchOutcome outcome, IdentityCenterInstance before)
    {
        switch (outcome.Result)
        {
            case SwitchResult.AlreadyInUse:
                output.WriteLine($"Identity Center already uses {outcome.Final.Describe()} (ENABLED): nothing was changed.");
                return ExitCodes.Ok;
            case SwitchResult.Switched:
                output.WriteLine(
                    $"Done: Identity Center encrypts with {outcome.Final.Describe()} (ENABLED) after {Seconds(outcome.Elapsed)} s. "
                    + $"Keep {before.Encryption.Describe()} until you are sure: schedule its deletion only after a few days.");
                return ExitCodes.Ok;
            case SwitchResult.Failed:
                output.WriteLine(
                    $"The switch failed (UPDATE_FAILED): {outcome.Final.StatusReason ?? "no reason given"}. "
                    + $"Identity Center keeps {before.Encryption.Describe()}; keep it enabled and its policy intact.");
                return ExitCodes.FindingsAtThreshold;
            default:
                output.WriteLine(
                    $"Still UPDATING after {Seconds(outcome.Elapsed)} s; the switch goes on. Check with: idckmsguard audit "
                    + $"(or aws sso-admin describe-instance). Keep {before.Encryption.Describe()} enabled meanwhile.");
                return ExitCodes.NotYet;
        }
    }

    private static void WritePreflight(TextWriter output, SwitchPreflight preflight, KeyArn target)
    {
        output.WriteLine(
            $"Identity Center {preflight.Current.InstanceArn} uses {preflight.Current.Encryption.Describe()} "
            + $"({Status(preflight.Current.Encryption)}).");
        var regions = string.Join(
            ", ",
            preflight.Current.Regions.Select(r => r.Name).DefaultIfEmpty(preflight.Current.PrimaryRegion ?? "?"));
        output.WriteLine($"Preflight of {target} for this instance (Regions: {regions}):");
        foreach (var key in preflight.Audit.Keys)
        {
            var policy = key.Policy is null ? "not read" : key.Policy.IsHealthy ? "healthy" : "BROKEN";
            output.WriteLine($"  {key.Region,-16}{(key.Role == KeyRole.Primary ? "key" : "replica"),-9}{Audit.AuditText.State(key),-24}policy {policy}");
        }

        foreach (var finding in preflight.Blocking)
        {
            output.WriteLine($"  BLOCKS   {AlertRenderer.Name(finding.Severity).ToUpperInvariant(),-9}{finding.RuleId,-25}{finding.Message}");
        }

        foreach (var finding in preflight.Warnings.Where(f => f.Severity >= Severity.Medium))
        {
            output.WriteLine($"  WARNING  {AlertRenderer.Name(finding.Severity).ToUpperInvariant(),-9}{finding.RuleId,-25}{finding.Message}");
        }
    }

    private static string Status(EncryptionConfiguration encryption) => EncryptionStatusNames.Of(encryption.Status);

    private static string Seconds(TimeSpan elapsed) => ((int)elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>
/// `doctor`: read-only, checks a deployed guard and says what to fix. Exit 0 when every check passes, 2 when one
/// fails, 69 when the only failures are checks AWS did not let it make, 64 when it cannot run (no Region, unknown profile).
/// </summary>
internal sealed class DoctorCommand(CliServices services) : IAsyncCliCommand<DoctorSettings>
{
    public static Command Create(CliServices services)
    {
        var options = new DoctorOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new DoctorCommand(services));
    }

    public async Task<int> ExecuteAsync(DoctorSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return exit;
        }

        var aws = AwsGuardFactory.CreateDeploymentReaders(context.Region, context.Credentials, context.Endpoints, TimeProvider.System);
        var checks = await DoctorRun.RunAsync(aws, settings.StackName, context.Region, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(DoctorDocument.From(settings.StackName, context.Region, checks), CliJson.Context.DoctorDocument));
        }
        else
        {
            Write(output, settings.StackName, context.Region, checks);
        }

        return checks.All(c => c.Passed) ? ExitCodes.Ok
            : checks.Any(c => !c.Passed && !c.Unchecked) ? ExitCodes.FindingsAtThreshold
            : ExitCodes.AwsUnavailable;
    }

    private static void Write(TextWriter output, string stack, string region, IReadOnlyList<DoctorCheck> checks)
    {
        output.WriteLine($"IdcKmsGuard stack {stack} in {region}");
        output.WriteLine();
        foreach (var check in checks)
        {
            output.WriteLine($"{(check.Passed ? "PASS" : "FAIL"),-5} {check.Id,-14} {check.Title}");
            output.WriteLine($"{string.Empty,20}{check.Detail}");
            if (check.Fix is { } fix)
            {
                output.WriteLine($"{string.Empty,20}fix: {fix}");
            }
        }

        var failed = checks.Count(c => !c.Passed);
        output.WriteLine();
        output.WriteLine(failed == 0
            ? $"Verdict: HEALTHY: all {checks.Count} checks passed."
            : $"Verdict: {failed} of {checks.Count} checks failed: fix them in the order listed.");
    }
}

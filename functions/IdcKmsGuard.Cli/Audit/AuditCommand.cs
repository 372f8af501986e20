using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Cli.Audit;

/// <summary>
/// `audit`: read-only, every rule for the instance, its key and the replica in each Identity Center Region, as a
/// table with a verdict. Exit codes as <see cref="ExitCodes"/>: 0 no finding, 1 findings below --fail-on, 2 one at or above.
/// </summary>
internal sealed class AuditCommand(CliServices services) : IAsyncCliCommand<AuditSettings>
{
    public static Command Create(CliServices services)
    {
        var options = new AuditOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new AuditCommand(services));
    }

    public async Task<int> ExecuteAsync(AuditSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return exit;
        }

        var auditor = AwsGuardFactory.CreateAuditor(context.Region, context.Credentials, context.Endpoints, TimeProvider.System, context.Options);
        AuditReport report;
        try
        {
            report = await auditor.AuditAsync(context.Configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GuardException or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            error.WriteLine($"error: the audit could not finish: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.ForFailure(e);
        }

        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(AuditDocument.From(report, settings.FailOn), CliJson.Context.AuditDocument));
        }
        else
        {
            AuditText.Write(output, report, settings.FailOn, settings.Explain);
        }

        return ExitCodes.ForFindings(report.Instances.SelectMany(i => i.AllFindings).Select(f => f.Severity), settings.FailOn);
    }
}

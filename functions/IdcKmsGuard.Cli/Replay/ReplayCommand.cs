using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdcKmsGuard.Cli.Replay;

/// <summary>
/// `replay EVENT...`: runs events through the guard's own code against live or local AWS, and shows per event the
/// rules evaluated, the actions planned (or, with --apply, taken) and the alert that would be published (or was).
/// </summary>
internal sealed class ReplayCommand(CliServices services) : IAsyncCliCommand<ReplaySettings>
{
    public static Command Create(CliServices services)
    {
        var options = new ReplayOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new ReplayCommand(services));
    }

    public async Task<int> ExecuteAsync(ReplaySettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return exit;
        }

        // Without --config the deployment's SSM parameter (--config-parameter) or the defaults apply.
        var configuration = settings.Aws.ConfigPath is { } path ? Snapshot(context.Configuration, path) : null;
        var capture = new CapturingPublisher();
        var guard = AwsGuardFactory.Create(
            new GuardDeployment(context.Region, settings.PublishTo, context.Options with { RemediationEnabled = true, MaySwitchEncryption = true })
            {
                ConfigurationParameter = settings.Aws.ConfigParameter,
                StateTable = settings.StateTable,
            },
            context.Credentials,
            context.Endpoints,
            TimeProvider.System,
            NullLogger.Instance,
            configuration,
            settings.PublishTo is null ? capture : null,
            forceDryRun: settings.DryRun);

        var entries = new List<ReplayEntry>();
        var failures = new List<Exception>();
        foreach (var file in settings.Events)
        {
            entries.Add(await ReplayAsync(guard, file, settings.PublishTo is not null, failures, cancellationToken).ConfigureAwait(false));
        }

        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(entries, CliJson.Context.ListReplayEntry));
        }
        else
        {
            entries.ForEach(entry => ReplayText.Write(output, entry));
        }

        // An event AWS could not be asked about says more than one that could not be read: 69 before 65.
        return failures.Count == 0 ? ExitCodes.Ok
            : failures.Any(f => ExitCodes.ForFailure(f) == ExitCodes.AwsUnavailable) ? ExitCodes.AwsUnavailable
            : ExitCodes.BadInput;
    }

    private static async Task<ReplayEntry> ReplayAsync(Guard guard, string file, bool publishing, List<Exception> failures, CancellationToken cancellationToken)
    {
        try
        {
            var guardEvent = EventReader.Read(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
            var result = await guard.HandleAsync(guardEvent, cancellationToken).ConfigureAwait(false);
            return ReplayEntry.From(file, result, publishing);
        }
        catch (Exception e) when (e is GuardException or IOException or UnauthorizedAccessException)
        {
            failures.Add(e);
            return ReplayEntry.Failed(file, e.Message.ReplaceLineEndings(" "));
        }
    }

    private static Func<CancellationToken, Task<ConfigurationSnapshot>> Snapshot(GuardConfiguration configuration, string path)
    {
        var snapshot = new ConfigurationSnapshot(configuration, path, [], false);
        return _ => Task.FromResult(snapshot);
    }
}

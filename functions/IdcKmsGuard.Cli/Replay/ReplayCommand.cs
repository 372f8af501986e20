using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Aws.Endpoints;
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
        var regionName = settings.Region ?? services.Environment("AWS_REGION") ?? services.Environment("AWS_DEFAULT_REGION");
        if (regionName is null)
        {
            error.WriteLine("error: no Region: give --region or set AWS_REGION.");
            return ExitCodes.Usage;
        }

        if (!TryConfiguration(settings.ConfigPath, error, out var configuration))
        {
            return ExitCodes.BadInput;
        }

        var endpoints = settings.EndpointUrl is { } url
            ? new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? url : null)
            : new AwsEndpointResolver(services.Environment);
        var capture = new CapturingPublisher();
        var guard = AwsGuardFactory.Create(
            new GuardDeployment(regionName, settings.PublishTo, new GuardOptions(RemediationEnabled: true, GuardRoleArn: null) { MaySwitchEncryption = true })
            {
                ConfigurationParameter = settings.ConfigParameter,
                StateTable = settings.StateTable,
            },
            services.Credentials(),
            endpoints,
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

    /// <returns>False when --config names an unreadable or invalid document; without --config the configuration
    /// is null and the deployment's SSM parameter (or the defaults) applies.</returns>
    private static bool TryConfiguration(string? path, TextWriter error, out Func<CancellationToken, Task<ConfigurationSnapshot>>? configuration)
    {
        configuration = null;
        if (path is null)
        {
            return true;
        }

        if (ConfigurationInput.TryRead(path, error, out var read, out _) != ExitCodes.Ok)
        {
            return false;
        }

        var snapshot = new ConfigurationSnapshot(read, path, [], false);
        configuration = _ => Task.FromResult(snapshot);
        return true;
    }
}

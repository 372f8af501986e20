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
/// rules evaluated, the actions taken (or, with --dry-run, planned) and the alert published (or that would be).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliServices services)
    {
        var events = new Argument<string[]>("EVENT")
        {
            Description = "EventBridge events or CloudTrail records (JSON files).",
            Arity = ArgumentArity.OneOrMore,
        };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Send every AWS call here (a local stand-in)." };
        var region = new Option<string?>("--region") { Description = "Identity Center's Region (default: AWS_REGION)." };
        var config = new Option<string?>("--config") { Description = "A configuration document (JSON) instead of the SSM parameter." };
        var parameter = new Option<string?>("--config-parameter") { Description = "The SSM parameter with the configuration." };
        var table = new Option<string?>("--state-table") { Description = "The guard's DynamoDB table (default: none, every event is new)." };
        var topic = new Option<string?>("--topic-arn") { Description = "Publish alerts to this topic (default: show them only)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Change nothing: say what the guard would do." };
        var json = new Option<bool>("--json") { Description = "Print one JSON array, an object per event." };
        var command = new Command("replay", "Run events through the guard against live or local AWS.")
        {
            events, endpoint, region, config, parameter, table, topic, dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var regionName = parse.GetValue(region) ?? services.Environment("AWS_REGION") ?? services.Environment("AWS_DEFAULT_REGION");
            if (regionName is null)
            {
                error.WriteLine("error: no Region: give --region or set AWS_REGION.");
                return ExitCodes.Failure;
            }

            if (!TryConfiguration(parse.GetValue(config), error, out var configuration))
            {
                return ExitCodes.Failure;
            }

            var endpoints = parse.GetValue(endpoint) is { } url
                ? new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? url : null)
                : new AwsEndpointResolver(services.Environment);
            var publishTo = parse.GetValue(dryRun) ? null : parse.GetValue(topic);
            var capture = new CapturingPublisher();
            var guard = AwsGuardFactory.Create(
                new GuardDeployment(regionName, publishTo, new GuardOptions(RemediationEnabled: true, GuardRoleArn: null) { MaySwitchEncryption = true })
                {
                    ConfigurationParameter = parse.GetValue(parameter),
                    StateTable = parse.GetValue(table),
                },
                services.Credentials(),
                endpoints,
                TimeProvider.System,
                NullLogger.Instance,
                configuration,
                publishTo is null ? capture : null,
                forceDryRun: parse.GetValue(dryRun));

            var entries = new List<ReplayEntry>();
            foreach (var file in parse.GetValue(events)!)
            {
                entries.Add(await ReplayAsync(guard, file, publishTo is not null, cancellationToken).ConfigureAwait(false));
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(entries, CliJson.Context.ListReplayEntry));
            }
            else
            {
                entries.ForEach(entry => ReplayText.Write(output, entry));
            }

            return entries.Any(e => e.Error is not null) ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<ReplayEntry> ReplayAsync(Guard guard, string file, bool publishing, CancellationToken cancellationToken)
    {
        try
        {
            var guardEvent = EventReader.Read(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
            var result = await guard.HandleAsync(guardEvent, cancellationToken).ConfigureAwait(false);
            return ReplayEntry.From(file, result, publishing);
        }
        catch (Exception e) when (e is GuardException or IOException or UnauthorizedAccessException)
        {
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

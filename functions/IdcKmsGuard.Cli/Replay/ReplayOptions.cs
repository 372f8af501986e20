using System.CommandLine;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Replay;

/// <summary>`replay`'s argument and options, and their values as <see cref="ReplaySettings"/>.</summary>
internal sealed class ReplayOptions
{
    public Argument<string[]> Events { get; } = new("EVENT")
    {
        Description = "EventBridge events or CloudTrail records (JSON files).",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The options every command that calls AWS shares (--region, --profile, --endpoint-url, --config, ...);
    /// here --config replaces the SSM parameter.</summary>
    public AwsCallOptions Aws { get; } = new();

    public Option<string?> StateTable { get; } = new("--state-table") { Description = "The guard's DynamoDB table (default: none, every event is new)." };

    public Option<string?> TopicArn { get; } = new("--topic-arn") { Description = "Publish alerts to this topic (default: show them only)." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Change nothing: say what the guard would do (the default)." };

    public Option<bool> Apply { get; } = new("--apply") { Description = "Make the changes the guard would make, and publish to --topic-arn." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON array, an object per event." };

    public Command Definition()
    {
        var command = new Command("replay", "Run events through the guard against live or local AWS.")
        {
            Events, StateTable, TopicArn, DryRun, Apply, Json,
        };
        Aws.AddTo(command);
        return command;
    }

    public ReplaySettings Bind(ParseResult parse) => new(
        parse.GetValue(Events)!,
        Aws.Bind(parse),
        parse.GetValue(StateTable),
        parse.GetValue(TopicArn),
        parse.GetValue(Apply),
        parse.GetValue(DryRun),
        parse.GetValue(Json));
}

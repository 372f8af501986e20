using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`inspect-event`'s argument and option, and their values as <see cref="InspectEventSettings"/>.</summary>
internal sealed class InspectEventOptions
{
    public Argument<string> File { get; } = new("FILE") { Description = "An EventBridge event or CloudTrail record (JSON); '-' reads standard input." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of text." };

    public Command Definition() => new("inspect-event", "Show how the guard reads an event: trigger, key references, actor.") { File, Json };

    public InspectEventSettings Bind(ParseResult parse) => new(parse.GetValue(File)!, parse.GetValue(Json));
}

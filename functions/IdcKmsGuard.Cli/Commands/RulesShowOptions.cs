using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules show`'s options, and their values as <see cref="RulesShowSettings"/>.</summary>
internal sealed class RulesShowOptions
{
    public AwsCallOptions Aws { get; } = new();

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the effective document (every rule with its mode), itself a valid configuration.",
    };

    public Command Definition()
    {
        var command = new Command("show", "Show every rule with its mode, and every other setting, defaults included.") { Json };
        Aws.AddConfigurationReadTo(command);
        return command;
    }

    public RulesShowSettings Bind(ParseResult parse) => new(Aws.Bind(parse), parse.GetValue(Json));
}

using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules show`'s options, and their values as <see cref="RulesShowSettings"/>.</summary>
internal sealed class RulesShowOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "A configuration document (JSON); without it, the defaults." };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the effective document (every rule with its mode), itself a valid configuration.",
    };

    public Command Definition() => new("show", "Show every rule with its mode, and every other setting, defaults included.") { Config, Json };

    public RulesShowSettings Bind(ParseResult parse) => new(parse.GetValue(Config), parse.GetValue(Json));
}

using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules`: the rule catalog and the configuration document that tunes it.</summary>
internal static class RulesCommand
{
    public static Command Create(CliServices services) => new("rules", "Check a configuration document, or show the configuration in effect.")
    {
        RulesValidateCommand.Create(),
        RulesShowCommand.Create(services),
    };
}

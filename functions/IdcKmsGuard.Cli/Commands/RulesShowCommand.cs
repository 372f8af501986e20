using System.CommandLine;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules show [--config FILE] [--json]`: the configuration in effect, every default filled in.</summary>
internal static class RulesShowCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "A configuration document (JSON); without it, the defaults." };
        var json = new Option<bool>("--json") { Description = "Print the effective document (every rule with its mode), itself a valid configuration." };
        var command = new Command("show", "Show every rule with its mode, and every other setting, defaults included.") { config, json };
        command.SetAction(parse =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var configuration = GuardConfiguration.Defaults;
            var path = parse.GetValue(config);
            if (path is not null && ConfigurationInput.TryRead(path, error, out configuration, out _) is var exit and not ExitCodes.Ok)
            {
                return exit;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(ConfigurationWriter.Write(configuration));
            }
            else
            {
                RulesText.Write(output, configuration, path is null ? "defaults (no --config given)" : path);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

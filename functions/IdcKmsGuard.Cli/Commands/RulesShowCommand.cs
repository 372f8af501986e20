using System.CommandLine;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`rules show [--config FILE] [--json]`: the configuration in effect, every default filled in.</summary>
internal sealed class RulesShowCommand : ICliCommand<RulesShowSettings>
{
    public static Command Create()
    {
        var options = new RulesShowOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new RulesShowCommand());
    }

    public int Execute(RulesShowSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = GuardConfiguration.Defaults;
        var path = settings.ConfigPath;
        if (path is not null && ConfigurationInput.TryRead(path, error, out configuration, out _) is var exit and not ExitCodes.Ok)
        {
            return exit;
        }

        if (settings.Json)
        {
            output.WriteLine(ConfigurationWriter.Write(configuration));
        }
        else
        {
            RulesText.Write(output, configuration, path is null ? "defaults (no --config given)" : path);
        }

        return ExitCodes.Ok;
    }
}

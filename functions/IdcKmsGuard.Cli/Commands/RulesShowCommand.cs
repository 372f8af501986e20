using System.CommandLine;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `rules show [--config FILE | --config-parameter NAME] [--json]`: the configuration in effect, every default filled
/// in; with --config-parameter, the one the deployed guard runs on, read from its SSM parameter as the guard reads it.
/// </summary>
internal sealed class RulesShowCommand(CliServices services) : IAsyncCliCommand<RulesShowSettings>
{
    public static Command Create(CliServices services)
    {
        var options = new RulesShowOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new RulesShowCommand(services));
    }

    public async Task<int> ExecuteAsync(RulesShowSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = GuardConfiguration.Defaults;
        var source = "defaults (no --config given)";
        if (settings.Aws.ConfigParameter is { } parameter)
        {
            var (exit, context) = await settings.Aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
            if (context is null)
            {
                return exit;
            }

            (configuration, source) = (context.Configuration, $"ssm:{parameter} ({context.Region})");
        }
        else if (settings.ConfigPath is { } path)
        {
            if (ConfigurationInput.TryRead(path, error, out configuration, out _) is var exit and not ExitCodes.Ok)
            {
                return exit;
            }

            source = path;
        }

        if (settings.Json)
        {
            output.WriteLine(ConfigurationWriter.Write(configuration));
        }
        else
        {
            RulesText.Write(output, configuration, source);
        }

        return ExitCodes.Ok;
    }
}

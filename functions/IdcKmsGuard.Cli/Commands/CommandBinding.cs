using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>Makes a definition (the command's options), its binder and the command one System.CommandLine command:
/// bind the parsed values, validate them (problems to the error output), then execute.</summary>
internal static class CommandBinding
{
    public static Command Wire<TSettings>(Command definition, Func<ParseResult, TSettings> bind, ICliCommand<TSettings> command)
        where TSettings : ICommandSettings
    {
        definition.SetAction(parse =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var settings = bind(parse);
            return Refused(settings.Validate(), error) ?? command.Execute(settings, output, error);
        });
        return definition;
    }

    public static Command Wire<TSettings>(Command definition, Func<ParseResult, TSettings> bind, IAsyncCliCommand<TSettings> command)
        where TSettings : ICommandSettings
    {
        definition.SetAction(async (parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var settings = bind(parse);
            return Refused(settings.Validate(), error) ?? await command.ExecuteAsync(settings, output, error, cancellationToken).ConfigureAwait(false);
        });
        return definition;
    }

    private static int? Refused(ValidationResult validation, TextWriter error)
    {
        if (validation.IsValid)
        {
            return null;
        }

        foreach (var problem in validation.Problems)
        {
            error.WriteLine($"error: {problem}");
        }

        return validation.ExitCode;
    }
}

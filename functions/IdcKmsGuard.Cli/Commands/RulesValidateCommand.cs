using System.CommandLine;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `rules validate FILE`: exit 0 and a one-line summary when the guard would accept the document; 1 with
/// "error: FILE: location: problem" when it would refuse it; 2 when the file cannot be read.
/// </summary>
internal static class RulesValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The configuration document (JSON); '-' reads standard input." };
        var command = new Command("validate", "Check a configuration document exactly as the guard reads it.") { file };
        command.SetAction(parse =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            var exit = ConfigurationInput.TryRead(path, error, out var configuration, out var text);
            if (exit != ExitCodes.Ok)
            {
                return exit;
            }

            output.WriteLine($"{path}: valid; {Summary(configuration)}");
            if (text.Length > ConfigurationInput.StandardParameterLength)
            {
                error.WriteLine(
                    $"warning: {path}: {text.Length} characters is more than a standard SSM parameter holds "
                    + $"({ConfigurationInput.StandardParameterLength}); use the advanced tier.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Summary(GuardConfiguration c) =>
        $"{c.RuleModes.Count} of {RuleCatalog.All.Count} rules set, {Count(c.PrincipalExemptions.Count, "principal exemption")}, "
        + $"{Count(c.ApprovedKeys.Count, "approved key")}, {Count(c.ExtraRequirements.Count, "extra requirement")}, dry run {(c.DryRun ? "on" : "off")}.";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}

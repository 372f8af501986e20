using System.CommandLine;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `rules validate FILE`: exit 0 and a one-line summary when the guard would accept the document, with a `warning:` line
/// on standard error for each setting that leaves Identity Center less protected; 65 with "error: FILE: location:
/// problem" when it would refuse it or the file cannot be read.
/// </summary>
internal sealed class RulesValidateCommand : ICliCommand<RulesValidateSettings>
{
    public static Command Create()
    {
        var options = new RulesValidateOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new RulesValidateCommand());
    }

    public int Execute(RulesValidateSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.Path;
        var exit = ConfigurationInput.TryRead(path, error, out var configuration, out var text);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        output.WriteLine($"{path}: valid; {Summary(configuration)}");
        foreach (var warning in ConfigurationWarnings.Of(configuration, TimeProvider.System.GetUtcNow()))
        {
            error.WriteLine($"warning: {path}: {warning}");
        }

        if (text.Length > ConfigurationInput.StandardParameterLength)
        {
            error.WriteLine(
                $"warning: {path}: {text.Length} characters is more than a standard SSM parameter holds "
                + $"({ConfigurationInput.StandardParameterLength}); use the advanced tier.");
        }

        return ExitCodes.Ok;
    }

    private static string Summary(GuardConfiguration c) =>
        $"{c.RuleModes.Count} of {RuleCatalog.All.Count} rules set, {Count(c.PrincipalExemptions.Count, "principal exemption")}, "
        + $"{Count(c.ApprovedKeys.Count, "approved key")}, {Count(c.ExtraRequirements.Count, "extra requirement")}, dry run {(c.DryRun ? "on" : "off")}.";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}

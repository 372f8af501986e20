using System.CommandLine;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `rules validate FILE`: exit 0 and a one-line summary when the guard would accept the document, with a `warning:` line
/// on standard error for each setting that leaves Identity Center less protected; 65 with an "error: FILE: location:
/// problem" line for every problem (a "did you mean" where a name is mistyped) when it would refuse it, or when the
/// file cannot be read.
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
        if (ConfigurationInput.TryReadText(path, error, out var text) is var read and not ExitCodes.Ok)
        {
            return read;
        }

        // Every problem at once, each with where it is: a fix-one-run-again loop wastes a change window.
        var problems = ConfigurationProblems.Of(text);
        foreach (var problem in problems)
        {
            error.WriteLine($"error: {path}: {problem.Location.ReplaceLineEndings(" ")}: {problem.Problem}");
        }

        if (problems.Count > 0)
        {
            var stopped = problems.Count >= ConfigurationProblems.Limit ? $" (stopped at {ConfigurationProblems.Limit})" : string.Empty;
            error.WriteLine($"{path}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}{stopped}; the guard would refuse it.");
            return ExitCodes.BadInput;
        }

        var configuration = ConfigurationParser.Parse(text);

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

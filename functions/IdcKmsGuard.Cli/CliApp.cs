using System.CommandLine;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli;

/// <summary>The idckmsguard command line; output goes to the writers given, so tests run it in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CliServices.FromProcess);

    internal static int Run(string[] args, TextWriter output, TextWriter error, CliServices services)
    {
        var root = new RootCommand("IdcKmsGuard: keeps IAM Identity Center's customer managed KMS key usable.\n\n" + ExitCodes.Table)
        {
            InspectEventCommand.Create(),
            CheckPolicyCommand.Create(services),
            RepairPolicyCommand.Create(),
            BaselinePolicyCommand.Create(),
            RulesCommand.Create(services),
            Replay.ReplayCommand.Create(services),
            Audit.AuditCommand.Create(services),
            Switching.EnableCmkCommand.Create(services),
            Doctor.DoctorCommand.Create(services),
        };
        var parse = root.Parse(args);

        // Usage errors go to stderr without the help text, so a pipeline reading --json never gets help instead.
        if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            foreach (var problem in parse.Errors)
            {
                var option = problem.SymbolResult switch
                {
                    System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                    System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
                    _ => null,
                };
                var text = Commands.UsageErrors.OneLine(problem.Message);
                error.WriteLine(option is null || text.StartsWith(option, StringComparison.Ordinal) ? $"error: {text}" : $"error: {option}: {text}");
            }

            error.WriteLine("Run 'idckmsguard --help' or 'idckmsguard <command> --help' for usage.");
            return Commands.ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

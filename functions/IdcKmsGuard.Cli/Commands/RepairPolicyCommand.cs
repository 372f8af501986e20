using System.CommandLine;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `repair-policy`: prints the repaired policy on standard output and the diff on standard error, so the output can
/// be piped straight into `aws kms put-key-policy`. Exit 0 when the result is healthy, 2 when it is not, 1 unreadable.
/// </summary>
internal static class RepairPolicyCommand
{
    public static Command Create()
    {
        var options = new PolicyOptions();
        var narrow = new Option<bool>("--narrow-denies") { Description = "Allowed to exempt the Identity Center services from a Deny that blocks them." };
        var command = new Command("repair-policy", "Print the smallest change that makes a key policy healthy again.") { narrow };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!PolicyInput.TryRead(parse, options, out var policy))
            {
                return ExitCodes.Failure;
            }

            var result = PolicyRepairer.Repair(policy, options.Facts(parse), new RepairOptions(parse.GetValue(narrow)));
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            output.WriteLine(result.PolicyText);
            error.WriteLine(result.Changed ? "Changes:" : result.Succeeded ? "No change needed." : "No change made.");
            foreach (var line in result.Changed ? PolicyDiff.Lines(policy, KeyPolicyParser.Parse(result.PolicyText)) : [])
            {
                error.WriteLine(line);
            }

            foreach (var problem in result.Unresolved)
            {
                error.WriteLine($"unresolved: {problem}");
            }

            error.WriteLine(result.Succeeded ? "Result: healthy and lock-out safe." : "Result: still NOT healthy.");
            return result.Succeeded ? ExitCodes.Ok : ExitCodes.Critical;
        });
        return command;
    }
}

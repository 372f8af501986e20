using System.CommandLine;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `repair-policy`: prints the repaired policy on standard output and the diff on standard error, so the output can
/// be piped straight into `aws kms put-key-policy`. Exit 0 when the result is healthy, 2 when it is not, 1 unreadable.
/// </summary>
internal sealed class RepairPolicyCommand : ICliCommand<RepairPolicySettings>
{
    public static Command Create()
    {
        var options = new RepairPolicyOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new RepairPolicyCommand());
    }

    public int Execute(RepairPolicySettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!PolicyInput.TryRead(settings.Policy.PolicyPath, error, out var policy))
        {
            return ExitCodes.BadInput;
        }

        var result = PolicyRepairer.Repair(policy, settings.Policy.Facts, new RepairOptions(settings.NarrowDenies));
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
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.FindingsAtThreshold;
    }
}

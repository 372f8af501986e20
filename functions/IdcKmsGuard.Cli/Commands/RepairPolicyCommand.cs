using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `repair-policy`: prints the repaired policy on standard output and the diff on standard error, so the output can
/// be piped straight into `aws kms put-key-policy`; with --json, one object on standard output instead. Exit 0 when the
/// result is healthy, 2 when it is not, 65 for an unreadable policy.
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
        var diff = result.Changed ? PolicyDiff.Lines(policy, KeyPolicyParser.Parse(result.PolicyText)) : [];
        var exit = result.Succeeded ? ExitCodes.Ok : ExitCodes.FindingsAtThreshold;
        if (settings.Policy.Json)
        {
            var document = new RepairDocument(result.Succeeded, result.Changed, result.PolicyText, [.. diff], result.Unresolved);
            output.WriteLine(JsonSerializer.Serialize(document, CliJson.Context.RepairDocument));
            return exit;
        }

        output.WriteLine(result.PolicyText);
        error.WriteLine(result.Changed ? "Changes:" : result.Succeeded ? "No change needed." : "No change made.");
        foreach (var line in diff)
        {
            error.WriteLine(line);
        }

        foreach (var problem in result.Unresolved)
        {
            error.WriteLine($"unresolved: {problem}");
        }

        error.WriteLine(result.Succeeded ? "Result: healthy and lock-out safe." : "Result: still NOT healthy.");
        return exit;
    }
}

/// <summary>`repair-policy --json`: the repaired policy with what changed and what could not be repaired.</summary>
/// <param name="Healthy">The repaired policy lets Identity Center work and keeps the key administrable.</param>
internal sealed record RepairDocument(bool Healthy, bool Changed, string Policy, IReadOnlyList<string> Diff, IReadOnlyList<string> Unresolved);

using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`repair-policy`'s options, and their values as <see cref="RepairPolicySettings"/>.</summary>
internal sealed class RepairPolicyOptions
{
    public PolicyOptions Policy { get; } = new();

    public Option<bool> NarrowDenies { get; } = new("--narrow-denies")
    {
        Description = "Allowed to exempt the Identity Center services from a Deny that blocks them.",
    };

    public Command Definition()
    {
        var command = new Command("repair-policy", "Print the smallest change that makes a key policy healthy again.") { NarrowDenies };
        Policy.AddTo(command);
        return command;
    }

    public RepairPolicySettings Bind(ParseResult parse) => new(Policy.Bind(parse), parse.GetValue(NarrowDenies));
}

using System.CommandLine;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Switching;

/// <summary>`enable-cmk`'s options, and their values as <see cref="EnableCmkSettings"/>.</summary>
internal sealed class EnableCmkOptions
{
    public AwsCallOptions Aws { get; } = new();

    public Option<string?> KeyArn { get; } = new("--key-arn")
    {
        Description = "The full ARN of the customer managed key (UpdateInstance takes no alias or key id).",
    };

    public Option<bool> AwsOwned { get; } = new("--aws-owned") { Description = "Switch back to an AWS owned key instead." };

    public Option<bool> Yes { get; } = new("--yes") { Description = "Make the switch. Without it, only the preflight runs and nothing changes." };

    public Option<string?> Instance { get; } = new("--instance-arn") { Description = "The instance (default: the one visible to the caller)." };

    public Option<int> PollSeconds { get; } = new("--poll-seconds")
    {
        Description = "Seconds between DescribeInstance calls while the switch is UPDATING.",
        DefaultValueFactory = _ => 5,
    };

    public Option<int> WaitMinutes { get; } = new("--wait-minutes")
    {
        Description = "Stop watching after this long (the switch goes on).",
        DefaultValueFactory = _ => 15,
    };

    public Command Definition()
    {
        var command = new Command("enable-cmk", "Switch Identity Center to a customer managed key safely (preflight, switch, progress).")
        {
            KeyArn, AwsOwned, Yes, Instance, PollSeconds, WaitMinutes,
        };
        Aws.AddTo(command);
        return command;
    }

    public EnableCmkSettings Bind(ParseResult parse) => new(
        Aws.Bind(parse),
        parse.GetValue(KeyArn),
        parse.GetValue(AwsOwned),
        parse.GetValue(Yes),
        parse.GetValue(Instance),
        parse.GetValue(PollSeconds),
        parse.GetValue(WaitMinutes));
}

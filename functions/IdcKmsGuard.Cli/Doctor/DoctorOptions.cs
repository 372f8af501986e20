using System.CommandLine;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>`doctor`'s options, and their values as <see cref="DoctorSettings"/>.</summary>
internal sealed class DoctorOptions
{
    public AwsCallOptions Aws { get; } = new();

    public Option<string> Stack { get; } = new("--stack")
    {
        Description = "The guard's CloudFormation stack name (the name given to sam deploy or aws cloudformation deploy).",
        Required = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of the list." };

    public Command Definition()
    {
        var command = new Command(
            "doctor",
            "Check a deployed guard as a careful operator would (read-only): the trail, the key's mark, the stack's rules, queues, "
            + "subscriptions, configuration and function settings. Exit 0 when every check passes, 2 when one fails, 69 when AWS "
            + "refused or did not answer the reads, 64 for usage.")
        {
            Stack,
            Json,
        };
        Aws.AddTo(command);
        return command;
    }

    public DoctorSettings Bind(ParseResult parse) => new(Aws.Bind(parse), parse.GetValue(Stack)!, parse.GetValue(Json));
}

using System.CommandLine;
using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli;

/// <summary>The idckmsguard command line; output goes to the writers given, so tests run it in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("IdcKmsGuard: keeps IAM Identity Center's customer managed KMS key usable.")
        {
            InspectEventCommand.Create(),
            CheckPolicyCommand.Create(),
            RepairPolicyCommand.Create(),
            BaselinePolicyCommand.Create(),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

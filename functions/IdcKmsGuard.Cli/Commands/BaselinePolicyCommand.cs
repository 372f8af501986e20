using System.CommandLine;
using IdcKmsGuard.Core.Policy.Repair;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`baseline-policy`: the recommended key policy for a new Identity Center key.</summary>
internal static class BaselinePolicyCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The Identity Center (management) account id.", Required = true };
        var orgId = new Option<string?>("--org-id") { Description = "The organization id; without it the policy uses ${aws:ResourceOrgID}." };
        var delegated = new Option<string[]>("--delegated-admin") { Description = "A delegated administrator account (repeatable)." };
        var instance = new Option<string?>("--instance-arn") { Description = "Pins the service statements to this instance (with --identity-store-arn)." };
        var store = new Option<string?>("--identity-store-arn") { Description = "The instance's identity store ARN." };
        var command = new Command("baseline-policy", "Print the recommended key policy for an Identity Center key.")
        {
            account, orgId, delegated, instance, store,
        };
        command.SetAction(parse =>
        {
            var (instanceArn, storeArn) = (parse.GetValue(instance), parse.GetValue(store));
            if ((instanceArn is null) != (storeArn is null))
            {
                parse.InvocationConfiguration.Error.WriteLine("error: give --instance-arn and --identity-store-arn together.");
                return ExitCodes.Failure;
            }

            parse.InvocationConfiguration.Output.WriteLine(BaselinePolicy.Generate(new BaselineOptions(
                parse.GetValue(account)!,
                parse.GetValue(orgId),
                parse.GetValue(delegated) ?? [],
                instanceArn,
                storeArn)));
            return ExitCodes.Ok;
        });
        return command;
    }
}

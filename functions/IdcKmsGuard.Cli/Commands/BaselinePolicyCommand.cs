using System.CommandLine;
using IdcKmsGuard.Core.Policy.Repair;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`baseline-policy`: the recommended key policy for a new Identity Center key.</summary>
internal sealed class BaselinePolicyCommand : ICliCommand<BaselinePolicySettings>
{
    public static Command Create()
    {
        var options = new BaselinePolicyOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new BaselinePolicyCommand());
    }

    public int Execute(BaselinePolicySettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        output.WriteLine(BaselinePolicy.Generate(new BaselineOptions(
            settings.Account,
            settings.OrgId,
            settings.DelegatedAdmins,
            settings.InstanceArn,
            settings.IdentityStoreArn)));
        return ExitCodes.Ok;
    }
}

using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The options of the commands that call AWS as an operator: Region, profile, endpoint, configuration, organization.</summary>
internal sealed class AwsCallOptions
{
    public Option<string?> Region { get; } = new("--region") { Description = "Identity Center's primary Region (default: AWS_REGION)." };

    public Option<string?> Profile { get; } = new("--profile") { Description = "A named profile from the AWS config and credentials files." };

    public Option<string?> Endpoint { get; } = new("--endpoint-url") { Description = "Send every AWS call here (a local stand-in)." };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A configuration document (JSON): rule modes, approved keys, extra requirements.",
    };

    public Option<string?> ConfigParameter { get; } = new("--config-parameter")
    {
        Description = "Read the configuration the guard runs on from this SSM parameter (the stack's ConfigurationParameter output).",
    };

    public Option<string?> OrgId { get; } = new("--org-id") { Description = "The organization id (o-...); without it, the key's own organization is assumed." };

    public Option<string[]> DelegatedAdmins { get; } = new("--delegated-admin") { Description = "A delegated administrator account (repeatable)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Region, Profile, Endpoint, Config, ConfigParameter, OrgId, DelegatedAdmins })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Only what reading the deployed configuration takes (rules show): --config, --config-parameter, Region, profile, endpoint.</summary>
    public void AddConfigurationReadTo(Command command)
    {
        foreach (var option in new Option[] { Config, ConfigParameter, Region, Profile, Endpoint })
        {
            command.Options.Add(option);
        }
    }

    public AwsCallSettings Bind(ParseResult parse) => new(
        parse.GetValue(Region),
        parse.GetValue(Profile),
        parse.GetValue(Endpoint),
        parse.GetValue(Config),
        parse.GetValue(ConfigParameter),
        parse.GetValue(OrgId),
        parse.GetValue(DelegatedAdmins) ?? []);
}

using System.CommandLine;
using Amazon.Runtime.CredentialManagement;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Core.Configuration;

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

    public Option<string?> OrgId { get; } = new("--org-id") { Description = "The organization id (o-...); without it, the key's own organization is assumed." };

    public Option<string[]> DelegatedAdmins { get; } = new("--delegated-admin") { Description = "A delegated administrator account (repeatable)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Region, Profile, Endpoint, Config, OrgId, DelegatedAdmins })
        {
            command.Options.Add(option);
        }
    }

    /// <returns>Null after writing the reason to <paramref name="error"/> when an option cannot be used.</returns>
    public AwsCallContext? Resolve(ParseResult parse, CliServices services, TextWriter error)
    {
        var region = parse.GetValue(Region) ?? services.Environment("AWS_REGION") ?? services.Environment("AWS_DEFAULT_REGION");
        if (region is null)
        {
            error.WriteLine("error: no Region: give --region or set AWS_REGION.");
            return null;
        }

        var configuration = GuardConfiguration.Defaults;
        if (parse.GetValue(Config) is { } path && ConfigurationInput.TryRead(path, error, out configuration, out _) != ExitCodes.Ok)
        {
            return null;
        }

        var credentials = services.Credentials();
        if (parse.GetValue(Profile) is { } profile)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var found))
            {
                error.WriteLine($"error: no profile '{profile}' in the AWS config or credentials files.");
                return null;
            }

            credentials = new SdkCredentialSource(found);
        }

        var endpoints = parse.GetValue(Endpoint) is { } url
            ? new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? url : null)
            : new AwsEndpointResolver(services.Environment);
        var options = new GuardOptions(RemediationEnabled: false, GuardRoleArn: null, parse.GetValue(OrgId), parse.GetValue(DelegatedAdmins) ?? []);
        return new AwsCallContext(region, credentials, endpoints, configuration, options);
    }
}

internal sealed record AwsCallContext(
    string Region,
    SdkCredentialSource Credentials,
    AwsEndpointResolver Endpoints,
    GuardConfiguration Configuration,
    GuardOptions Options);

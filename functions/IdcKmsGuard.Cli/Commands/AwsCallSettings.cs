using Amazon.Runtime.CredentialManagement;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The values of <see cref="AwsCallOptions"/>, as given.</summary>
/// <param name="ConfigPath">--config: a configuration document (JSON).</param>
/// <param name="ConfigParameter">--config-parameter: the deployed configuration, read from this SSM parameter.</param>
internal sealed record AwsCallSettings(
    string? Region,
    string? Profile,
    string? EndpointUrl,
    string? ConfigPath,
    string? ConfigParameter,
    string? OrgId,
    IReadOnlyList<string> DelegatedAdmins)
{
    /// <summary>Fills in what the options leave to the environment and reads what they name (configuration, profile).</summary>
    /// <returns><see cref="ExitCodes.Ok"/> with the context; otherwise, after writing the reason to <paramref name="error"/>,
    /// <see cref="ExitCodes.Usage"/> (no Region, unknown profile, both --config and --config-parameter),
    /// <see cref="ExitCodes.BadInput"/> (the configuration document) or <see cref="ExitCodes.AwsUnavailable"/> (reading the parameter).</returns>
    public async Task<(int Exit, AwsCallContext? Context)> ResolveAsync(CliServices services, TextWriter error, CancellationToken cancellationToken)
    {
        if (ConfigPath is not null && ConfigParameter is not null)
        {
            error.WriteLine("error: give --config or --config-parameter, not both.");
            return (ExitCodes.Usage, null);
        }

        if (Resolve(services, error, out var failure) is not { } context)
        {
            return (failure, null);
        }

        if (ConfigParameter is not { } parameter)
        {
            return (ExitCodes.Ok, context);
        }

        var (exit, configuration) = await DeployedConfiguration.ReadAsync(context, parameter, error, cancellationToken).ConfigureAwait(false);
        return exit == ExitCodes.Ok ? (exit, context with { Configuration = configuration! }) : (exit, null);
    }

    private AwsCallContext? Resolve(CliServices services, TextWriter error, out int failure)
    {
        failure = ExitCodes.Usage;
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        // As the aws CLI: --profile, else AWS_PROFILE, else the default profile when the files have one.
        var profileName = Profile ?? services.Environment("AWS_PROFILE");
        CredentialProfile? profile = null;
        var profiles = new CredentialProfileStoreChain();
        if (profileName is not null && !profiles.TryGetProfile(profileName, out profile))
        {
            error.WriteLine($"error: no profile '{profileName}' in the AWS config or credentials files.");
            return null;
        }

        profile ??= profiles.TryGetProfile("default", out var standard) ? standard : null;
        var region = Region ?? services.Environment("AWS_REGION") ?? services.Environment("AWS_DEFAULT_REGION") ?? profile?.Region?.SystemName;
        if (region is null)
        {
            error.WriteLine("error: no Region: give --region, set AWS_REGION, or set region in the profile.");
            return null;
        }

        var configuration = GuardConfiguration.Defaults;
        if (ConfigPath is { } path && ConfigurationInput.TryRead(path, error, out configuration, out _) is var read and not ExitCodes.Ok)
        {
            failure = read;
            return null;
        }

        var credentials = services.Credentials();
        if (profileName is not null)
        {
            if (!profiles.TryGetAWSCredentials(profileName, out var found))
            {
                error.WriteLine($"error: the profile '{profileName}' has no credentials the SDK can use.");
                return null;
            }

            credentials = new SdkCredentialSource(found);
        }

        var endpoints = EndpointUrl is { } url
            ? new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? url : null)
            : new AwsEndpointResolver(services.Environment);
        var options = new GuardOptions(RemediationEnabled: false, GuardRoleArn: null, OrgId, DelegatedAdmins);
        return new AwsCallContext(region, credentials, endpoints, configuration, options);
    }
}

using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>What an operator command calls AWS with, once <see cref="AwsCallSettings"/> are resolved.</summary>
internal sealed record AwsCallContext(
    string Region,
    SdkCredentialSource Credentials,
    AwsEndpointResolver Endpoints,
    GuardConfiguration Configuration,
    GuardOptions Options);

using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.State;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Function;

/// <summary>Builds the guard over the real AWS adapters: the composition root, shared by the function and its tests.</summary>
internal static class GuardComposition
{
    public static Guard Create(GuardSettings settings, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time, ILogger logger)
    {
        // One connection pool for every thin client; DNS changes are picked up by recycling connections.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var aws = new AwsHttpClient(http, credentials, endpoints, time, BackoffPolicy.Standard);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(aws, settings.Region));
        var keys = new KmsKeyStore(new KmsClientFactory(credentials.SdkCredentials, endpoints));
        var publisher = new SnsAlertPublisher(new SnsClient(aws, settings.TopicRegion), settings.AlertTopicArn);
        var options = new GuardOptions(settings.RemediationEnabled, settings.GuardRoleArn, settings.OrgId, settings.DelegatedAdminAccounts);

        // Without a parameter the defaults apply; without a table the guard is stateless (both are deployed by the template).
        var configuration = settings.ConfigurationParameter is { } parameter
            ? new ConfigurationProvider(new SsmConfigurationSource(new SsmClientFactory(credentials.SdkCredentials, endpoints).For(settings.Region), parameter), time)
            : null;
        IGuardStateStore? state = settings.StateTable is { } table
            ? new DynamoDbGuardStateStore(DynamoDbClientFactory.Create(credentials.SdkCredentials, endpoints, settings.Region), table, time)
            : null;
        return new Guard(identityCenter, keys, publisher, options, time, logger, configuration is null ? null : configuration.GetAsync, state);
    }
}

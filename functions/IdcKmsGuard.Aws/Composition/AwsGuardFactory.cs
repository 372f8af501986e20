using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Deployment;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Feeds;
using IdcKmsGuard.Aws.FollowUps;
using IdcKmsGuard.Aws.Http;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.State;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Switching;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Aws.Composition;

/// <summary>The guard over the real AWS adapters: one composition for the function, its tests and the CLI's replay.</summary>
public static class AwsGuardFactory
{
    // Which instances exist changes only when one is created or deleted; what they are is read on every event.
    private static readonly TimeSpan InstanceListKept = TimeSpan.FromMinutes(5);

    /// <param name="configuration">Replaces the SSM parameter (replay's --config FILE, --dry-run).</param>
    /// <param name="publisher">Replaces SNS (replay shows the alert instead of publishing it).</param>
    /// <param name="forceDryRun">Whatever the configuration says, change nothing (replay --dry-run).</param>
    public static Guard Create(
        GuardDeployment deployment,
        SdkCredentialSource credentials,
        AwsEndpointResolver endpoints,
        TimeProvider time,
        ILogger logger,
        Func<CancellationToken, Task<ConfigurationSnapshot>>? configuration = null,
        IAlertPublisher? publisher = null,
        bool forceDryRun = false)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(credentials);

        var aws = HttpFor(credentials, endpoints, time);
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(aws, deployment.Region), time, InstanceListKept);
        var keys = KeysFor(credentials, endpoints);
        publisher ??= deployment.AlertTopicArn is { } topic
            ? WithFeeds(new SnsAlertPublisher(new SnsClient(aws, topic.Split(':')[3]), topic), deployment, aws, logger)
            : throw new ArgumentException("Without a publisher, the deployment needs an alert topic.", nameof(deployment));
        var ssmSource = deployment.ConfigurationParameter is { } parameter
            ? new SsmConfigurationSource(new SsmClientFactory(credentials.SdkCredentials, endpoints).For(deployment.Region), parameter)
            : null;
        configuration ??= ssmSource is null ? null : new ConfigurationProvider(ssmSource, time).GetAsync;
        if (forceDryRun)
        {
            var source = configuration ?? (_ => Task.FromResult(ConfigurationSnapshot.Defaults));
            configuration = async cancellationToken =>
            {
                var snapshot = await source(cancellationToken).ConfigureAwait(false);
                return snapshot with { Configuration = snapshot.Configuration with { DryRun = true } };
            };
        }

        var stores = deployment.StateTable is { } table
            ? GuardStores.Of(new DynamoDbGuardStateStore(DynamoDbClientFactory.Create(credentials.SdkCredentials, endpoints, deployment.Region), table, time))
            : null;
        return new Guard(identityCenter, keys, publisher, deployment.Options, time, logger, configuration, stores)
        {
            FollowUps = deployment.FollowUpQueueUrl is { } queue
                ? SqsFollowUpScheduler.Create(credentials.SdkCredentials, endpoints, deployment.Region, queue)
                : null,
            FollowUpSchedule = deployment.FollowUpSchedule,
            ConfigurationAuthors = ssmSource,
        };
    }

    // Security Hub and EventBridge in the guard's Region and account (the topic's), after SNS.
    private static IAlertPublisher WithFeeds(IAlertPublisher people, GuardDeployment deployment, AwsHttpClient aws, ILogger logger)
    {
        if (!deployment.SecurityHubFindings && deployment.AlertEventBus is null)
        {
            return people;
        }

        var topic = deployment.AlertTopicArn!.Split(':');
        var feeds = new IncidentFeeds(topic[1], deployment.Region, topic[4], deployment.Options.AlertFormat.Runbooks);
        return new IncidentFeedsPublisher(
            people,
            feeds,
            deployment.SecurityHubFindings ? new SecurityHubClient(aws, deployment.Region) : null,
            deployment.AlertEventBus is { } bus ? new AlertEventsClient(aws, deployment.Region, bus) : null,
            logger);
    }

    /// <summary>The read-only auditor over the same adapters (the CLI's audit; the sweep gets it through the guard).</summary>
    public static Auditor CreateAuditor(string region, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time, GuardOptions options)
    {
        var (identityCenter, keys) = ReadersFor(region, credentials, endpoints, time);
        return new Auditor(identityCenter, keys, options, time);
    }

    /// <summary>The key switcher of the CLI's enable-cmk: the auditor's preflight, then SSO Admin's UpdateInstance.</summary>
    public static KeySwitcher CreateSwitcher(
        string region, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time, GuardOptions options)
    {
        var (identityCenter, keys) = ReadersFor(region, credentials, endpoints, time);
        return new KeySwitcher(identityCenter, new Auditor(identityCenter, keys, options, time), time, keys);
    }

    /// <summary>The read-only clients of the CLI's doctor, over the same HTTP stack and endpoint rules.</summary>
    public static DeploymentReaders CreateDeploymentReaders(string region, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time)
    {
        var (identityCenter, keys) = ReadersFor(region, credentials, endpoints, time);
        var aws = HttpFor(credentials, endpoints, time);
        return new DeploymentReaders(
            new CloudFormationClient(aws, region),
            new LambdaClient(aws, region),
            new EventBridgeRulesClient(aws, region),
            new CloudTrailClient(aws, region),
            new SnsClient(aws, region),
            new SsmClientFactory(credentials.SdkCredentials, endpoints).For(region),
            identityCenter,
            keys);
    }

    /// <summary>Identity Center and KMS, read-only, as the guard reads them (the CLI's check-policy --key-id).</summary>
    public static (IIdentityCenter IdentityCenter, IKeyStore Keys) CreateReaders(
        string region, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time) =>
        ReadersFor(region, credentials, endpoints, time);

    private static (SsoAdminIdentityCenter IdentityCenter, KmsKeyStore Keys) ReadersFor(
        string region, SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return (new SsoAdminIdentityCenter(new SsoAdminClient(HttpFor(credentials, endpoints, time), region)), KeysFor(credentials, endpoints));
    }

    // Reads with the SDK's retries; changes through a client that never resends one whose answer may have been lost.
    private static KmsKeyStore KeysFor(SdkCredentialSource credentials, AwsEndpointResolver endpoints) =>
        new(new KmsClientFactory(credentials.SdkCredentials, endpoints), KmsClientFactory.ForChanges(credentials.SdkCredentials, endpoints));

    // One connection pool for every thin client; DNS changes are picked up by recycling connections.
    private static AwsHttpClient HttpFor(SdkCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        return new AwsHttpClient(http, credentials, endpoints, time, BackoffPolicy.Standard);
    }
}
